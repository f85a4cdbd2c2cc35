/**
 * Parley prompts -> Lex message groups. Lex says one message from *each* group, so one Parley prompt
 * (several wordings, one said per turn) is one group: its first wording is the message and at most
 * two more are the variations. A reprompt rides in the same group with `messageSelectionStrategy:
 * Ordered`: the first attempt says the message, the retries say the variations in turn.
 */
import type { LexPromptSettings, Prompt } from '../../src/content/intent-model.js';
import { lose, refuse, type CompileContext, type CompileSite } from './compile-context.js';
import type { LexMessage, LexMessageGroup, LexPromptSpecification, LexResponseSpecification } from './lex-archive-types.js';
import { promptAttempts } from './lex-prompt-settings.js';

/** Lex's limits: characters per message, variations per group, retries per prompt. */
export const lexMessageLimits = { characters: 1000, variations: 2, maxRetries: 5 } as const;

/** Retries when the intent files say nothing: the engine's default of 3 failed answers. */
export const defaultMaxRetries = 2;

export function lexMessage(text: string): LexMessage {
  return { ssmlMessage: null, customPayload: null, plainTextMessage: { value: text }, imageResponseCard: null };
}

function messageGroup(message: string, variations: string[]): LexMessageGroup {
  return { message: lexMessage(message), variations: variations.length > 0 ? variations.map(lexMessage) : null };
}

function checkLengths(texts: string[], context: CompileContext, site: CompileSite, what: string): void {
  for (const text of texts) {
    if (text.length <= lexMessageLimits.characters) continue;
    refuse(context, site, `${what} is ${text.length} characters long; a Lex message takes at most ${lexMessageLimits.characters}`, 'shorten it, or split it into two sentences the dialog says itself');
  }
}

/** Wordings past what one group holds are not in the archive; say so. */
function kept(prompt: Prompt, room: number, context: CompileContext, site: CompileSite, path: string, what: string): string[] {
  const texts = prompt.variations.slice(0, room);
  const dropped = prompt.variations.length - texts.length;
  if (dropped > 0) {
    lose(context, site, path, 'prompt-variations', `${what}: ${dropped} of ${prompt.variations.length} wordings are not in the Lex archive (a message group holds ${room}); Parley, as the code hook, still says them all`);
  }
  return texts;
}

export interface PromptSpecificationInput {
  prompt: Prompt;
  reprompt?: Prompt | undefined;
  maxRetries: number;
  /** The question's input settings in Lex (the slot's or confirmation's `lex:` block). */
  lex?: LexPromptSettings | undefined;
  /** For messages: `prompt of slot date of BookAppointment`. */
  what: string;
  /** Key path of the prompt specification inside the file. */
  path: string;
}

export function compilePromptSpecification(input: PromptSpecificationInput, context: CompileContext, site: CompileSite): LexPromptSpecification {
  const { prompt, reprompt, maxRetries, lex, what, path } = input;
  checkLengths([...prompt.variations, ...(reprompt?.variations ?? [])], context, site, what);
  const specification = (groups: LexMessageGroup[], strategy: LexPromptSpecification['messageSelectionStrategy']): LexPromptSpecification => ({
    allowInterrupt: lex?.allowInterrupt ?? true,
    messageGroupsList: groups,
    maxRetries,
    messageSelectionStrategy: strategy,
    promptAttemptsSpecification: promptAttempts(maxRetries, lex),
  });
  if (!reprompt) {
    const [first, ...rest] = kept(prompt, 1 + lexMessageLimits.variations, context, site, `${path}.messageGroupsList`, what);
    return specification([messageGroup(first!, rest)], 'Random');
  }
  // Ordered: the message first, then each retry the next variation — the reprompt's wordings.
  const [first] = kept(prompt, 1, context, site, `${path}.messageGroupsList.0.message`, `${what} (with a reprompt, Lex keeps one wording of the prompt)`);
  const retries = kept(reprompt, lexMessageLimits.variations, context, site, `${path}.messageGroupsList.0.variations`, `reprompt of ${what.replace(/^prompt of /, '')}`);
  return specification([messageGroup(first!, retries)], 'Ordered');
}

export function compileResponse(prompt: Prompt, what: string, path: string, context: CompileContext, site: CompileSite): LexResponseSpecification {
  checkLengths(prompt.variations, context, site, what);
  const [first, ...rest] = kept(prompt, 1 + lexMessageLimits.variations, context, site, `${path}.messageGroupsList`, what);
  return { allowInterrupt: true, messageGroupsList: [messageGroup(first!, rest)] };
}
