/**
 * Amazon Connect flows in the Flow language (`Version: "2019-10-30"`): the document's schema, and
 * `validateFlow`, which checks what a schema cannot (the graph, identifiers, per-action parameters).
 * The schema follows flows exported from Amazon Connect itself; the rules follow the
 * Flow language reference ("Actions in the Amazon Connect Flow language" and each action's page).
 */
import * as z from 'zod';

export const flowLanguageVersion = '2019-10-30';

const conditionSchema = z.strictObject({
  NextAction: z.string(),
  Condition: z.strictObject({ Operator: z.string().min(1), Operands: z.array(z.string()) }),
});
const errorBranchSchema = z.strictObject({ NextAction: z.string(), ErrorType: z.string().min(1) });

export const flowActionSchema = z.strictObject({
  Identifier: z.string().min(1),
  Type: z.string().min(1),
  Parameters: z.record(z.string(), z.unknown()),
  Transitions: z.strictObject({
    NextAction: z.string().optional(),
    Conditions: z.array(conditionSchema).optional(),
    Errors: z.array(errorBranchSchema).optional(),
  }),
});

const position = z.looseObject({ x: z.number(), y: z.number() });

/** A Flow-language document, as `CreateContactFlow` takes it in `Content` and the flow designer exports it. */
export const flowDocumentSchema = z.strictObject({
  Version: z.literal(flowLanguageVersion),
  StartAction: z.string().min(1),
  // Only the flow designer reads Metadata (block positions, display names); Connect runs without it.
  Metadata: z
    .looseObject({
      entryPointPosition: position.optional(),
      ActionMetadata: z.record(z.string(), z.looseObject({ position: position.optional() })).optional(),
    })
    .optional(),
  Actions: z.array(flowActionSchema).min(1),
});

export type FlowDocument = z.infer<typeof flowDocumentSchema>;
export type FlowAction = z.infer<typeof flowActionSchema>;

/** One thing wrong with a flow; `action` names the action's Identifier when the problem is in one. */
export interface FlowProblem {
  severity: 'error' | 'warning';
  action?: string;
  message: string;
}

export const maxFlowActions = 250;
const maxIdentifierLength = 50;
const illegalIdentifierCharacters = /[%:()\\/=$,;[\]{}]/;
const reservedIdentifiers = new Set(['__proto__', 'constructor', '__defineGetter__', '__defineSetter__', 'toString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'valueOf']);
/** These stop the flow: their Transitions must be `{}`. */
const terminalTypes = new Set(['DisconnectParticipant', 'EndFlowExecution', 'EndFlowModuleExecution']);
/** The errors each action type can raise, for the types Parley emits (from the Flow language reference). */
const documentedErrors: Record<string, string[]> = {
  ConnectParticipantWithLexBot: ['NoMatchingCondition', 'NoMatchingError', 'InputTimeLimitExceeded'],
  Compare: ['NoMatchingCondition'],
  UpdateContactTargetQueue: ['NoMatchingError'],
  TransferContactToQueue: ['QueueAtCapacity', 'NoMatchingError'],
  MessageParticipant: ['NoMatchingError'],
  UpdateContactAttributes: ['NoMatchingError'],
  UpdateContactData: ['NoMatchingError'],
  UpdateFlowLoggingBehavior: [],
};

/**
 * Checks a flow document: its shape, identifiers (unique, at most 50 characters, none of
 * `% : ( \ / ) = $ , ; [ ] { }`), at most 250 actions, that StartAction and every NextAction exist,
 * that every action but the terminal ones has a way out, the error branches and required parameters
 * of the action types Parley emits, and (as warnings) unreachable actions. A legacy `modules` export
 * is refused with a message saying so. An empty list means the flow is sound.
 *
 * @example
 * const problems = validateFlow(JSON.parse(readFileSync('flow.json', 'utf8')));
 * for (const p of problems) console.log(`${p.severity}: ${p.action ?? 'flow'}: ${p.message}`);
 */
export function validateFlow(document: unknown): FlowProblem[] {
  if (isRecord(document) && Array.isArray(document.modules) && !('Actions' in document)) {
    return [{ severity: 'error', message: 'this is a legacy Amazon Connect export (the pre-2019 "modules" format), not the Flow language: open the flow in the current flow designer and export it again, or rebuild it, to get a document with Version "2019-10-30" and Actions' }];
  }
  const parsed = flowDocumentSchema.safeParse(document);
  if (!parsed.success) return parsed.error.issues.map((issue) => describeIssue(issue, document));
  const flow = parsed.data;
  const problems: FlowProblem[] = [];
  const error = (action: string | undefined, message: string) => problems.push({ severity: 'error', action, message });
  if (flow.Actions.length > maxFlowActions) error(undefined, `has ${flow.Actions.length} actions; a flow holds at most ${maxFlowActions}`);

  const byIdentifier = new Map<string, FlowAction>();
  for (const action of flow.Actions) {
    const id = action.Identifier;
    if (byIdentifier.has(id)) error(id, 'the identifier is used by more than one action');
    byIdentifier.set(id, action);
    if (id.length > maxIdentifierLength) error(id, `the identifier has ${id.length} characters; at most ${maxIdentifierLength}`);
    if (illegalIdentifierCharacters.test(id)) error(id, 'the identifier holds a character Connect refuses: none of % : ( \\ / ) = $ , ; [ ] { }');
    if (reservedIdentifiers.has(id)) error(id, `"${id}" is a reserved word and cannot be an identifier`);
  }
  if (!byIdentifier.has(flow.StartAction)) error(undefined, `StartAction "${flow.StartAction}" is not the identifier of any action`);

  for (const action of flow.Actions) {
    for (const [where, target] of targetsOf(action)) {
      if (!byIdentifier.has(target)) error(action.Identifier, `${where} points to "${target}", which is not an action in this flow`);
    }
    problems.push(...checkExits(action), ...checkParameters(action));
  }
  problems.push(...unreachable(flow, byIdentifier));
  return problems;
}

function targetsOf(action: FlowAction): Array<[string, string]> {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  const targets: Array<[string, string]> = [];
  // An empty NextAction means "none": Connect's documentation writes one on TransferContactToQueue.
  if (NextAction) targets.push(['NextAction', NextAction]);
  for (const c of Conditions) targets.push([`the condition ${c.Condition.Operator} ${c.Condition.Operands.join(', ')}`, c.NextAction]);
  for (const e of Errors) targets.push([`the ${e.ErrorType} branch`, e.NextAction]);
  return targets;
}

function checkExits(action: FlowAction): FlowProblem[] {
  const id = action.Identifier;
  const { Conditions = [], Errors = [] } = action.Transitions;
  if (terminalTypes.has(action.Type)) {
    return targetsOf(action).length > 0 ? [{ severity: 'error', action: id, message: `${action.Type} ends the flow, so its Transitions must be empty` }] : [];
  }
  const problems: FlowProblem[] = [];
  if (targetsOf(action).length === 0) problems.push({ severity: 'error', action: id, message: `${action.Type} has no way out: give it a NextAction, conditions or error branches` });
  const seen = new Set<string>();
  for (const { ErrorType } of Errors) {
    if (seen.has(ErrorType)) problems.push({ severity: 'error', action: id, message: `two ${ErrorType} branches` });
    seen.add(ErrorType);
  }
  const known = documentedErrors[action.Type];
  if (!known) return problems;
  for (const type of seen) {
    if (!known.includes(type)) problems.push({ severity: 'error', action: id, message: `${action.Type} raises no ${type} error (it raises ${known.join(', ') || 'none'})` });
  }
  for (const type of known) {
    if (!seen.has(type)) problems.push({ severity: 'warning', action: id, message: `no ${type} branch: the contact has nowhere to go if it happens` });
  }
  if (Conditions.length > 0 && !['ConnectParticipantWithLexBot', 'Compare'].includes(action.Type)) {
    problems.push({ severity: 'error', action: id, message: `${action.Type} takes no conditions` });
  }
  return problems;
}

function checkParameters(action: FlowAction): FlowProblem[] {
  const p = action.Parameters;
  const missing: string[] = [];
  const need = (ok: boolean, message: string) => ok || missing.push(message);
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  const oneOf = (keys: string[], optional = false) => {
    const present = keys.filter((key) => p[key] !== undefined);
    return present.length === 1 || (optional && present.length === 0);
  };
  switch (action.Type) {
    case 'ConnectParticipantWithLexBot': {
      need(oneOf(['LexV2Bot', 'LexBot']), 'give exactly one of LexV2Bot { AliasArn } and LexBot { Name, Region, Alias }');
      if (p.LexV2Bot !== undefined) need(isRecord(p.LexV2Bot) && text(p.LexV2Bot.AliasArn), 'LexV2Bot.AliasArn must be the bot alias ARN');
      if (p.LexBot !== undefined) need(isRecord(p.LexBot) && text(p.LexBot.Name) && text(p.LexBot.Alias), 'LexBot needs Name and Alias');
      need(oneOf(['Text', 'SSML', 'PromptId'], true), 'give at most one of Text, SSML and PromptId');
      if (p.LexTimeoutSeconds !== undefined) need(isRecord(p.LexTimeoutSeconds) && /^\d+$/.test(String(p.LexTimeoutSeconds.Text)), 'LexTimeoutSeconds is { Text: "<seconds>" }');
      break;
    }
    case 'UpdateContactTargetQueue':
      need(oneOf(['QueueId', 'AgentId']) && (text(p.QueueId) || text(p.AgentId)), 'give exactly one of QueueId and AgentId (an id, an ARN or a JSONPath)');
      break;
    case 'Compare':
      need(text(p.ComparisonValue), 'ComparisonValue must be a JSONPath, like $.Lex.SessionAttributes.queue');
      break;
    case 'MessageParticipant':
      need(oneOf(['Text', 'SSML', 'PromptId', 'Media']), 'give exactly one of Text, SSML, PromptId and Media');
      break;
    case 'UpdateContactAttributes':
      need(isRecord(p.Attributes) && Object.keys(p.Attributes).length > 0 && Object.values(p.Attributes).every((v) => typeof v === 'string'), 'Attributes must map names to strings (literals or JSONPaths)');
      break;
    case 'UpdateFlowLoggingBehavior':
      need(p.FlowLoggingBehavior === 'Enabled' || p.FlowLoggingBehavior === 'Disabled', 'FlowLoggingBehavior is "Enabled" or "Disabled"');
      break;
  }
  const problems: FlowProblem[] = missing.map((message) => ({ severity: 'error', action: action.Identifier, message }));
  const numbers = nonStringLeaves(p);
  if (numbers.length > 0) problems.push({ severity: 'warning', action: action.Identifier, message: `${numbers.join(', ')} should be strings ("8", not 8), as in Connect's own exports` });
  return problems;
}

function nonStringLeaves(value: unknown, path = ''): string[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonStringLeaves(item, `${path}[${i}]`));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => nonStringLeaves(item, path ? `${path}.${key}` : key));
  return [];
}

function unreachable(flow: FlowDocument, byIdentifier: Map<string, FlowAction>): FlowProblem[] {
  const reached = new Set<string>();
  const pending = [flow.StartAction];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const action = byIdentifier.get(id);
    if (reached.has(id) || !action) continue;
    reached.add(id);
    pending.push(...targetsOf(action).map(([, target]) => target));
  }
  return flow.Actions.filter((a) => !reached.has(a.Identifier)).map((a) => ({ severity: 'warning', action: a.Identifier, message: 'no path from StartAction reaches this action' }));
}

function describeIssue(issue: z.core.$ZodIssue, document: unknown): FlowProblem {
  const [first, index, ...rest] = issue.path;
  const actions = isRecord(document) && Array.isArray(document.Actions) ? document.Actions : [];
  const raw: unknown = first === 'Actions' && typeof index === 'number' ? actions[index] : undefined;
  const action = isRecord(raw) && typeof raw.Identifier === 'string' ? raw.Identifier : undefined;
  const where = (action !== undefined ? rest : issue.path).map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
  return { severity: 'error', action, message: where ? `${where}: ${message}` : message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
