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
  | 'dialog'
  | 'dialog-failed'
  | 'message-template'
  | 'conversation-busy'
  | 'conversation-not-found'
  | 'idempotency-conflict'
  | 'store-full'
  | 'state-too-large'
  | 'model-artefact';

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

/**
 * Intent files (or other YAML sources the author writes: conversation tests) that cannot be loaded;
 * carries every problem found, not just the first. `files` names them in the message.
 */
export class IntentFileError extends ParleyError {
  readonly problems: IntentFileProblem[];
  constructor(problems: IntentFileProblem[], files = 'intent files') {
    super('intent-file', formatProblems(problems, files));
    this.name = 'IntentFileError';
    this.problems = problems;
  }
}

function formatProblems(problems: IntentFileProblem[], files: string): string {
  const lines = problems.map(
    (p) => `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`,
  );
  return `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files}:\n${lines.join('\n')}`;
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

/**
 * A dialog or bot definition that cannot work (a slot with no prompt, an unknown intent, an option of
 * the wrong type). Thrown when the bot is defined or created, never mid-conversation.
 */
export class DialogDefinitionError extends ParleyError {
  /** The dialog's intent, or the bot's name when `subject` is `bot`. */
  readonly dialog: string;
  /** The option at fault, as written (`fulfil`, `slots.date.maxAttempts`, `dialogs[2]`), when one is. */
  readonly option: string | undefined;
  constructor(dialog: string, message: string, details: { option?: string; subject?: 'dialog' | 'bot' } = {}) {
    super('dialog', `${details.subject ?? 'dialog'} ${dialog}: ${message}`);
    this.name = 'DialogDefinitionError';
    this.dialog = dialog;
    this.option = details.option;
  }
}

/**
 * A message template that cannot be read (an unclosed brace, an unknown argument type), found when
 * `formatMessage` is given it. Templates in intent files, dialog options and bot messages are checked
 * when the bot loads and reported as IntentFileError or DialogDefinitionError instead.
 */
export class MessageTemplateError extends ParleyError {
  readonly template: string;
  /** Characters into the template, where the problem is. */
  readonly offset: number;
  constructor(template: string, offset: number, message: string, hint: string) {
    super('message-template', `${message} (at character ${offset + 1}); ${hint}`);
    this.name = 'MessageTemplateError';
    this.template = template;
    this.offset = offset;
  }
}

/** Where in a dialog its own code failed. */
export type DialogFailureStage = 'validate' | 'fulfil' | 'dialog';

/**
 * A dialog's own code failed during a turn: a validator or fulfilment threw, rejected, took longer
 * than its `timeoutMs` or returned something unusable, or a raw machine threw or reached an error
 * state. The customer got an apology; the conversation goes on.
 */
export class DialogFailedError extends ParleyError {
  readonly dialog: string;
  readonly stage: DialogFailureStage;
  constructor(dialog: string, stage: DialogFailureStage, message: string, options?: { cause?: unknown }) {
    super('dialog-failed', `dialog ${dialog}: ${stage === 'dialog' ? 'the machine' : stage} ${message}`, options);
    this.name = 'DialogFailedError';
    this.dialog = dialog;
    this.stage = stage;
  }

  /** Wraps whatever dialog code threw or rejected with (an Error or any other value), without its data. */
  static from(dialog: string, stage: DialogFailureStage, thrown: unknown): DialogFailedError {
    if (thrown instanceof DialogFailedError) return thrown;
    if (thrown instanceof Error) {
      const message = thrown.message.length > 200 ? `${thrown.message.slice(0, 200)}…` : thrown.message;
      return new DialogFailedError(dialog, stage, `failed: ${thrown.name}: ${message}`, { cause: thrown });
    }
    // A rejected string or object may be customer data: say what kind of value it was, not what.
    const kind = thrown === null ? 'null' : Array.isArray(thrown) ? 'an array' : typeof thrown;
    return new DialogFailedError(dialog, stage, `failed with a value that is not an Error (${kind}); throw or reject with an Error`, { cause: thrown });
  }
}

/**
 * A conversation's turns kept colliding with turns served elsewhere (another process wrote it each
 * time this one tried): the caller should retry shortly. Never a fault of the caller's input.
 */
export class ConversationBusyError extends ParleyError {
  readonly conversationId: string;
  /** A sensible wait before retrying, in seconds. */
  readonly retryAfterSeconds: number;
  constructor(conversationId: string, retryAfterSeconds = 1) {
    super('conversation-busy', `conversation ${conversationId} is busy with other turns; retry in ${retryAfterSeconds} s`);
    this.name = 'ConversationBusyError';
    this.conversationId = conversationId;
    this.retryAfterSeconds = retryAfterSeconds;
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

/** The same idempotency key came with different content: a client bug, never a redelivery. */
export class IdempotencyKeyReusedError extends ParleyError {
  readonly conversationId: string;
  constructor(conversationId: string) {
    super('idempotency-conflict', `conversation ${conversationId}: this idempotency key was already used for a different message; use a new key per message`);
    this.name = 'IdempotencyKeyReusedError';
    this.conversationId = conversationId;
  }
}

/**
 * No such conversation for this caller: it does not exist, or another channel owns it (a
 * conversation is reachable only through the channel that started it).
 */
export class ConversationNotFoundError extends ParleyError {
  readonly conversationId: string;
  constructor(conversationId: string) {
    super('conversation-not-found', `conversation ${conversationId} does not exist on this channel`);
    this.name = 'ConversationNotFoundError';
    this.conversationId = conversationId;
  }
}

/** A store holds as many live conversations as it may: a new one is refused rather than push one out. */
export class StoreFullError extends ParleyError {
  constructor(limit: number) {
    super('store-full', `the store holds its limit of ${limit.toLocaleString('en-US')} conversations, all in use; new conversations are refused until some go idle (raise maxConversations, or use the file store)`);
    this.name = 'StoreFullError';
  }
}

/**
 * A conversation's state is larger than the store can hold in one item (a DynamoDB item is at most
 * 400 KB): the write is refused and nothing is stored. What grows a conversation is its transcript
 * and what dialogs keep in their slots and context.
 */
export class StateTooLargeError extends ParleyError {
  readonly conversationId: string;
  /** The size the write would have taken, and the most the store takes, in bytes. */
  readonly bytes: number;
  readonly limitBytes: number;
  constructor(conversationId: string, bytes: number, limitBytes: number) {
    super(
      'state-too-large',
      `conversation ${conversationId}: its state takes ${bytes.toLocaleString('en-US')} bytes, over the store's limit of ${limitBytes.toLocaleString('en-US')}; keep less with it (lower transcript.entries or transcript.characters, keep large data out of dialog slots and context)`,
    );
    this.name = 'StateTooLargeError';
    this.conversationId = conversationId;
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }
}
