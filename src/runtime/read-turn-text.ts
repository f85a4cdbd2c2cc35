/** Turns what a customer sent into text the recognizer can read, or says why it cannot. */
import { matchLocale } from '../core/locales.js';
import type { TurnContent } from '../core/turn.js';

export type TurnText =
  | { kind: 'text'; text: string }
  | { kind: 'event'; name: string }
  | { kind: 'empty' }
  | { kind: 'too-long'; length: number; raw: string };

// Control characters other than tab and newline, and the Unicode "format" characters that hide text.
const invisible = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

export function readTurnText(content: TurnContent, maxLength: number): TurnText {
  if (content.kind === 'event') return { kind: 'event', name: content.name };
  const raw = content.kind === 'text' ? content.text : content.digits;
  if (typeof raw !== 'string') return { kind: 'empty' };
  const text = raw.replace(invisible, ' ').replace(/\s+/g, ' ').trim();
  if (text.length === 0) return { kind: 'empty' };
  if (text.length > maxLength) return { kind: 'too-long', length: text.length, raw: text };
  return { kind: 'text', text };
}

/** The bot locale for a requested one: exact, then same language, then the default. */
export function resolveLocale(requested: string | undefined, locales: readonly string[], fallback: string): string {
  return (requested && matchLocale(requested, locales)) || fallback;
}
