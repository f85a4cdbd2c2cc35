const marker = Symbol.for('parley.error');

/** Stable error codes; callers branch on `code`, never on message text. */
export type ParleyErrorCode =
  | 'configuration'
  | 'intent-file'
  | 'provider-call'
  | 'channel-payload'
  | 'state-conflict'
  | 'state-corrupt'
  | 'input-rejected'
  | 'dialog';

/**
 * Base class of every error Parley throws on purpose.
 *
 * @example
 * try { await loadIntents('intents') } catch (error) {
 *   if (ParleyError.isInstance(error)) console.error(error.code, error.message)
 * }
 */
export class ParleyError extends Error {
  readonly [marker] = true;
  readonly code: ParleyErrorCode;

  constructor(code: ParleyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ParleyError';
    this.code = code;
  }

  /** True for Parley errors, even across copies of the package (the marker is a global symbol). */
  static isInstance(error: unknown): error is ParleyError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** A bad setting: names the key or environment variable and how to fix it. */
export class ConfigurationError extends ParleyError {
  readonly key: string;
  constructor(key: string, message: string, options?: { cause?: unknown }) {
    super('configuration', `${key}: ${message}`, options);
    this.name = 'ConfigurationError';
    this.key = key;
  }
}

/** Where in a source file a problem is. Lines and columns count from 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in an intent file. */
export interface IntentFileProblem extends SourcePosition {
  message: string;
  hint?: string;
}

/** Intent files that cannot be loaded; carries every problem found, not just the first. */
export class IntentFileError extends ParleyError {
  readonly problems: IntentFileProblem[];
  constructor(problems: IntentFileProblem[]) {
    super('intent-file', formatProblems(problems));
    this.name = 'IntentFileError';
    this.problems = problems;
  }
}

function formatProblems(problems: IntentFileProblem[]): string {
  const lines = problems.map(
    (p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`,
  );
  return `${problems.length} problem${problems.length === 1 ? '' : 's'} in intent files:\n${lines.join('\n')}`;
}

/** A call to a vendor service failed. */
export class ProviderCallError extends ParleyError {
  readonly provider: string;
  readonly operation: string;
  readonly retryable: boolean;
  constructor(details: { provider: string; operation: string; retryable: boolean; message: string; cause?: unknown }) {
    super('provider-call', `${details.provider} ${details.operation}: ${details.message}`, { cause: details.cause });
    this.name = 'ProviderCallError';
    this.provider = details.provider;
    this.operation = details.operation;
    this.retryable = details.retryable;
  }
}

/** A channel sent something Parley cannot read. */
export class ChannelPayloadError extends ParleyError {
  readonly channel: string;
  constructor(channel: string, message: string, options?: { cause?: unknown }) {
    super('channel-payload', `${channel}: ${message}`, options);
    this.name = 'ChannelPayloadError';
    this.channel = channel;
  }
}

/** Another process wrote the conversation since it was read. */
export class StateConflictError extends ParleyError {
  readonly conversationId: string;
  constructor(conversationId: string) {
    super('state-conflict', `conversation ${conversationId} was changed by another turn`);
    this.name = 'StateConflictError';
    this.conversationId = conversationId;
  }
}

/** A dialog definition that cannot work (a slot with no prompt, an unknown intent). */
export class DialogDefinitionError extends ParleyError {
  readonly dialog: string;
  constructor(dialog: string, message: string) {
    super('dialog', `dialog ${dialog}: ${message}`);
    this.name = 'DialogDefinitionError';
    this.dialog = dialog;
  }
}

/** A stored conversation cannot be read back (a damaged file, say); it is kept aside, never deleted. */
export class StateCorruptError extends ParleyError {
  readonly conversationId: string;
  constructor(conversationId: string, message: string, options?: { cause?: unknown }) {
    super('state-corrupt', `conversation ${conversationId}: ${message}`, options);
    this.name = 'StateCorruptError';
    this.conversationId = conversationId;
  }
}
