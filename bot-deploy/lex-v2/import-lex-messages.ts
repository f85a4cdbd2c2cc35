/** Lex message groups -> Parley prompts (several wordings of one message), reporting what does not fit. */
import type { ReadLexMessage, ReadLexMessageGroup, ReadLexPromptSpecification, ReadLexResponseSpecification } from './lex-archive-schemas.js';
import type { LexPromptSettings } from '../../src/content/intent-model.js';
import type { LossItem } from './lex-archive-types.js';
import { lexPromptSettings } from './lex-prompt-settings.js';

/** Collects loss items for one file. */
export interface FileReport {
  file: string;
  add(path: string, kind: string, message: string): void;
}

export function fileReport(report: LossItem[], file: string): FileReport {
  return { file, add: (path, kind, message) => report.push({ file, path, kind, message }) };
}

/** The text of a message Parley can say, or undefined (reported) when it has none. */
function messageText(message: ReadLexMessage, at: FileReport, path: string): string | undefined {
  if (message.plainTextMessage) return clean(message.plainTextMessage.value);
  if (message.ssmlMessage) {
    at.add(`${path}.ssmlMessage`, 'ssml', `an SSML message is kept as its text, without the markup: "${shorten(message.ssmlMessage.value)}"`);
    return clean(fromSsml(message.ssmlMessage.value));
  }
  if (message.customPayload) {
    at.add(`${path}.customPayload`, 'custom-payload', `a custom payload is not an intent-file message and is not imported: "${shorten(message.customPayload.value)}"`);
    return undefined;
  }
  if (message.imageResponseCard) {
    at.add(`${path}.imageResponseCard`, 'response-card', `a response card ("${message.imageResponseCard.title}") is not an intent-file message and is not imported; dialogs offer choices as quick replies`);
    return undefined;
  }
  return undefined;
}

function groupTexts(group: ReadLexMessageGroup, at: FileReport, path: string): string[] {
  const texts = [messageText(group.message, at, `${path}.message`)];
  (group.variations ?? []).forEach((variation, index) => texts.push(messageText(variation, at, `${path}.variations.${index}`)));
  return texts.filter((text): text is string => text !== undefined && text !== '');
}

/** One group: its wordings. Several: Lex says one of each in a row, which Parley's prompt is not, so they are joined. */
function groupsToTexts(groups: ReadLexMessageGroup[], at: FileReport, path: string): string[][] {
  const texts = groups.map((group, index) => groupTexts(group, at, `${path}.messageGroupsList.${index}`)).filter((wordings) => wordings.length > 0);
  if (texts.length <= 1) return texts;
  const withVariations = texts.some((wordings) => wordings.length > 1);
  at.add(`${path}.messageGroupsList`, 'message-groups', `Lex says one message of each of ${texts.length} message groups in a row; Parley's prompt is one message, so their first wordings are joined${withVariations ? ' and the other wordings dropped' : ''}`);
  return [[texts.map((wordings) => wordings[0]!).join(' ')]];
}

/**
 * A prompt and, from an `Ordered` group's variations, a reprompt; its barge-in and input settings
 * (audio, DTMF, timeouts) when they are not Lex's defaults, for the `lex:` block.
 */
export function importPromptSpecification(spec: ReadLexPromptSpecification, at: FileReport, path: string): { prompt?: string[]; reprompt?: string[]; lex?: LexPromptSettings } {
  const lex = lexPromptSettings(spec);
  const settings = lex ? { lex } : {};
  const groups = groupsToTexts(spec.messageGroupsList, at, path);
  const wordings = groups[0];
  if (!wordings) return settings;
  const ordered = spec.messageSelectionStrategy === 'Ordered' && spec.messageGroupsList.length === 1;
  if (ordered && wordings.length > 1) return { prompt: [wordings[0]!], reprompt: wordings.slice(1), ...settings };
  return { prompt: wordings, ...settings };
}

export function importResponse(spec: ReadLexResponseSpecification, at: FileReport, path: string): string[] | undefined {
  if (spec.allowInterrupt === false) at.add(`${path}.allowInterrupt`, 'barge-in', 'the message cannot be interrupted in Lex; intent files have no such setting');
  return groupsToTexts(spec.messageGroupsList, at, path)[0];
}

function clean(text: string): string {
  return text.trim();
}

function fromSsml(ssml: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  return ssml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (entity) => entities[entity]!)
    .replace(/\s+/g, ' ')
    .replace(/ ([.,!?;:])/g, '$1');
}

export function shorten(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
