/**
 * A turn's messages as the SMS that carry them: merged into one text (a line each), the options of
 * the last message that offers some numbered under it, typographic punctuation made plain (one curly
 * quote would make the whole message UCS-2, 70 characters a segment instead of 160), and cut into
 * SMS of at most `maxSegments` segments each.
 *
 * Why concatenated messages up to a cap rather than many single-segment ones: separate SMS may
 * arrive in any order (carriers do not keep it), and a question that arrives before the sentence it
 * follows reads as nonsense; a concatenated message is reassembled in order by the phone, at about
 * the same price per segment (153 characters instead of 160). Past the cap (default 4 segments: 612
 * GSM-7 or 268 UCS-2 characters) a text becomes several SMS, cut at sentence ends, sent one after the
 * other.
 */
import type { Message } from '../../src/core/turn.js';
import { numberedOptions } from './numbered-options.js';
import type { SmsPhrases } from './sms-phrases.js';
import { splitSmsText } from './sms-text.js';

export interface RenderSmsOptions {
  phrases: SmsPhrases;
  locale: string;
  /** Segments each SMS may take (1–6). */
  maxSegments: number;
  /** Make curly quotes, dashes and ellipses plain ASCII, so the text stays in GSM-7. Default true. */
  plainPunctuation?: boolean;
}

/** Concatenated SMS a reply may take before it is cut into several (4: 612 GSM-7 characters). */
export const defaultMaxSegments = 4;

const plain: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '…': '...', '\u00a0': ' ' };

/**
 * The SMS texts of a turn's messages, in order.
 *
 * @example
 * renderSms([{ text: 'Shall I book it?', quickReplies: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] }], { phrases: smsPhrases('en-US'), locale: 'en-US', maxSegments: 4 })
 * // ['Shall I book it?\nReply 1 for Yes, 2 for No.']
 */
export function renderSms(messages: readonly Message[], options: RenderSmsOptions): string[] {
  const lastWithOptions = messages.findLastIndex((message) => (message.quickReplies?.length ?? 0) > 0);
  const lines = messages.flatMap((message, index) => {
    const text = message.text.trim();
    const said = text === '' ? [] : [text];
    return index === lastWithOptions ? [...said, numberedOptions(message.quickReplies!, options.phrases, options.locale)] : said;
  });
  if (lines.length === 0) return [];
  let text = lines.join('\n');
  if (options.plainPunctuation ?? true) text = text.replace(/[‘’‚“”„–—…\u00a0]/g, (character) => plain[character]!);
  return splitSmsText(text, { maxSegments: options.maxSegments });
}
