/**
 * One request to the emulated model-building API, in the order the service meets things: signature,
 * route, injected failures (planned ones first, then the random fault plan), statuses brought up to
 * date, the operation itself; then its answer or its error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSignature } from '../lex-runtime/lex-wire.js';
import { delay, type FaultPlan } from '../faults.js';
import { aliasRoutes } from './alias-operations.js';
import { botRoutes } from './bot-operations.js';
import { intentRoutes } from './intent-operations.js';
import { localeRoutes } from './locale-operations.js';
import { settle, type LexModelsStore } from './models-store.js';
import { compileRoutes, findRoute, LexWireError, modelsError, parseBody, readBody, sendAnswer, sendMalformed, type LexModelsErrorName } from './models-wire.js';
import { slotRoutes } from './slot-operations.js';
import { slotTypeRoutes } from './slot-type-operations.js';
import { versionRoutes } from './version-operations.js';

export const routes = compileRoutes([...botRoutes, ...localeRoutes, ...slotTypeRoutes, ...intentRoutes, ...slotRoutes, ...versionRoutes, ...aliasRoutes]);

/** The operations the emulator answers. */
export type LexModelsOperation =
  | 'CreateBot' | 'DescribeBot' | 'UpdateBot' | 'ListBots' | 'DeleteBot'
  | 'CreateBotLocale' | 'DescribeBotLocale' | 'UpdateBotLocale' | 'ListBotLocales' | 'DeleteBotLocale' | 'BuildBotLocale'
  | 'CreateSlotType' | 'DescribeSlotType' | 'UpdateSlotType' | 'ListSlotTypes' | 'DeleteSlotType'
  | 'CreateIntent' | 'DescribeIntent' | 'UpdateIntent' | 'ListIntents' | 'DeleteIntent'
  | 'CreateSlot' | 'DescribeSlot' | 'UpdateSlot' | 'ListSlots' | 'DeleteSlot'
  | 'CreateBotVersion' | 'DescribeBotVersion' | 'ListBotVersions' | 'DeleteBotVersion'
  | 'CreateBotAlias' | 'DescribeBotAlias' | 'UpdateBotAlias' | 'ListBotAliases' | 'DeleteBotAlias';

/** One request as the emulator saw it. */
export interface LexModelsEmulatorCall {
  operation: LexModelsOperation | 'Unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (`undefined` when empty or not JSON). */
  body: unknown;
  /** True for everything but Describe* and List*: what changes the account. */
  write: boolean;
  /** The HTTP status answered; undefined while hanging. */
  status?: number;
  errorType?: string;
  /** Set when the emulator made the call fail: a `failNext` plan, or a kind of the random fault plan. */
  injected?: 'failNext' | 'error' | 'throttle' | 'malformed' | 'hang';
}

/** A failure planned with `failNext`. */
export interface PlannedFailure {
  error: LexModelsErrorName;
  message: string;
  /** Carry the operation out, then answer the error: the client cannot tell it took effect. */
  afterApplying: boolean;
}

export interface ModelsContext {
  store: LexModelsStore;
  plan: FaultPlan;
  planned: Map<string, PlannedFailure[]>;
  closing: AbortSignal;
}

export async function handleModelsRequest(request: IncomingMessage, response: ServerResponse, call: LexModelsEmulatorCall, context: ModelsContext): Promise<void> {
  const text = await readBody(request);
  call.body = text.trim() === '' ? undefined : tryParse(text);
  const authorization = request.headers.authorization;
  checkSignature(typeof authorization === 'string' ? authorization : undefined);
  const found = findRoute(routes, call.method, call.path);
  if (!found) throw new LexWireError(404, 'UnknownOperationException', `The emulator has no operation at ${call.method} ${call.path}`);
  call.operation = found.route.operation as LexModelsOperation;
  call.write = !/^(Describe|List)/.test(call.operation);

  const queue = context.planned.get(call.operation);
  const planned = queue?.shift();
  if (queue?.length === 0) context.planned.delete(call.operation);
  if (planned) call.injected = 'failNext';
  const decision = planned ? { kind: 'answer' as const, delayMs: 0 } : context.plan.next();
  if (decision.kind !== 'answer') call.injected = decision.kind;
  if (decision.kind === 'hang') return;
  await delay(decision.delayMs, context.closing);
  if (context.closing.aborted) return;
  if (decision.kind === 'error') throw modelsError('InternalServerException', 'The service encountered an unexpected condition. Try your request again.');
  if (decision.kind === 'throttle') throw modelsError('ThrottlingException', 'Rate exceeded');
  if (decision.kind === 'malformed') return sendMalformed(response);

  settle(context.store);
  if (planned && !planned.afterApplying) throw modelsError(planned.error, planned.message);
  const answer = found.route.handler({ params: found.params, query: new URL(request.url ?? '/', 'http://localhost').searchParams, body: parseBody(text) }, context.store);
  if (planned) throw modelsError(planned.error, planned.message);
  sendAnswer(response, answer);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
