/** `defineBot`: a bot is its intent files, its dialogs, and a few settings. */
import type { AnyStateMachine } from 'xstate';
import type { IntentModel } from '../content/intent-model.js';
import { checkBotDefinition } from '../engine/check-definitions.js';
import type { DialogDefinition } from '../engine/define-dialog.js';
import type { EngineMessages } from '../engine/engine-messages.js';
import type { WelcomeOptions } from './bot-welcome.js';

export interface BotDefinition {
  name: string;
  /** A folder of intent files (`intents/<locale>/*.yaml`: a path from the working directory, or a file URL), or a model. */
  intents: string | URL | IntentModel;
  /** Dialogs from defineDialog, or raw xstate machines (started by the intent named by the machine's id). */
  dialogs: ReadonlyArray<DialogDefinition | AnyStateMachine>;
  /** The locale for customers whose locale the bot does not have (default: `en-US` if present, else the first). */
  defaultLocale?: string;
  /** IANA zone in which customers' "today" and "3pm" are read (default: the machine's). */
  timeZone?: string;
  /** Queue for handoffs no task claims (default `General`). */
  defaultQueue?: string;
  /** Overrides of the engine's own phrases, per locale or language. */
  messages?: Record<string, Partial<EngineMessages>>;
  /** Longest message accepted, in characters (default 1,024, Lex's limit). */
  maxMessageLength?: number;
  /**
   * Minutes without a turn after which a task left half done is closed (default 30). A customer who
   * comes back later is told so (the engine's `setAsideAfterIdle` message) and their message is read
   * afresh, so a "yes" hours later never confirms a booking they have forgotten. The store keeps the
   * conversation for longer (its `ttlSeconds`), so that the bot can say it.
   */
  idleTimeoutMinutes?: number;
  /**
   * What a visitor sees before saying anything (the web chat page shows it): a greeting and a few
   * suggestions to click. Default: a greeting naming the bot and what it can do, and a sample
   * utterance of each of the first four dialogs with a `title`.
   */
  welcome?: WelcomeOptions;
}

/**
 * Declares a bot. Pure data, checked at once (a DialogDefinitionError names a bad option): `createBot`
 * loads, trains and compiles it.
 *
 * @example
 * export default defineBot({
 *   name: 'hello',
 *   intents: new URL('./intents/', import.meta.url),
 *   dialogs: [greeting],
 * });
 */
export function defineBot(definition: BotDefinition): BotDefinition {
  checkBotDefinition(definition);
  return definition;
}
