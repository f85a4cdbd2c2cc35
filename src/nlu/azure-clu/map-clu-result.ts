import { findIntent, type Intent, type IntentModel } from '../../content/intent-model.js';
import { localDateTime } from '../../core/clock.js';
import { ProviderCallError } from '../../core/errors.js';
import { resolveModelLocale } from '../local/resolve-locale.js';
import type { RecognizedIntent, Recognition, RecognizeRequest } from '../recognizer.js';
import { cluResultSchema, scoreOf, type CluResult } from './clu-result.js';
import { mapCluEntity, type EntityContext } from './map-clu-entity.js';

/** The provider name of CLU recognitions and errors. */
export const cluProvider = 'azure-clu';
export const cluOperation = 'analyzeConversation';
/** CLU's built-in out-of-scope intent. */
const noneIntent = 'None';

export interface CluMappingOptions {
  /** The intent model the CLU project was compiled from: ties entities to slots and gives their types. */
  model?: IntentModel;
  /** A top intent under this confidence is not trusted: `topIntent` is null. Default 0. */
  threshold?: number;
}

/**
 * Maps a CLU analyze-conversations answer (as the service sends it, or as the JS client returns it)
 * to Parley's Recognition: intents ranked without CLU's `None`; `topIntent` null when CLU says `None`
 * or the top score is under the threshold; entities with UTF-16 offsets into `request.text`,
 * canonical values, and the slot they fill. `raw` holds the answer; `latencyMs` is left at 0.
 *
 * @example
 * const recognition = mapCluResult(await client.analyzeConversation(task), request, { model });
 * recognition.entities // [{ type: 'date', slot: 'date', value: '2030-03-05', start: 16, end: 24, … }]
 */
export function mapCluResult(response: unknown, request: RecognizeRequest, options: CluMappingOptions = {}): Recognition {
  const result = readResult(response);
  const prediction = result.result.prediction;
  const intents: RecognizedIntent[] = prediction.intents
    .filter((intent) => intent.category !== noneIntent)
    .map((intent) => ({ name: intent.category, confidence: scoreOf(intent) }))
    .sort((a, b) => b.confidence - a.confidence);
  const top = prediction.topIntent ?? undefined;
  const topConfidence = intents.find((intent) => intent.name === top)?.confidence ?? 0;
  const topIntent = top && top !== noneIntent && topConfidence >= (options.threshold ?? 0) ? top : null;

  const text = typeof request.text === 'string' ? request.text : result.result.query;
  const modelLocale = options.model ? resolveModelLocale(options.model, request.locale ?? '') : undefined;
  const localeModel = modelLocale === undefined ? undefined : options.model?.locales[modelLocale];
  const slotIntents = [topIntent, request.expecting?.intent]
    .map((name) => (name && localeModel ? findIntent(localeModel, name) : undefined))
    .filter((intent): intent is Intent => intent !== undefined);
  const context: EntityContext = {
    text,
    locale: modelLocale ?? request.locale,
    ...usableTime(request),
    localeModel,
    slotIntents,
    expecting: request.expecting,
  };
  const entities = prediction.entities.flatMap((entity) => mapCluEntity(entity, context)).sort((a, b) => a.start - b.start || a.end - b.end);

  return { text, locale: modelLocale ?? request.locale, intents, topIntent, entities, provider: cluProvider, latencyMs: 0, raw: response };
}

/** The request's instant and zone, or the present in UTC when they cannot be read: mapping never throws on them. */
function usableTime(request: RecognizeRequest): { now: Date; timeZone: string } {
  const now = request.now instanceof Date && !Number.isNaN(request.now.getTime()) ? request.now : new Date();
  try {
    localDateTime(now, request.timeZone);
    return { now, timeZone: request.timeZone };
  } catch {
    return { now, timeZone: 'UTC' };
  }
}

function readResult(response: unknown): CluResult {
  const projectKind = (response as { result?: { prediction?: { projectKind?: unknown } } } | null)?.result?.prediction?.projectKind;
  if (typeof projectKind === 'string' && projectKind !== 'Conversation') {
    throw unreadable(`the deployment is a ${projectKind} project; point projectName at a Conversation project`);
  }
  const parsed = cluResultSchema.safeParse(response);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw unreadable(`the answer is not a CLU conversation result (${issue?.message ?? 'unreadable'}${where})`);
}

function unreadable(message: string): ProviderCallError {
  return new ProviderCallError({ provider: cluProvider, operation: cluOperation, retryable: false, message });
}
