/**
 * The message templates a bot author writes in code (a dialog's prompts, its confirmation and change
 * offer, the bot's own messages and welcome), checked when `defineDialog` and `defineBot` run, so a
 * broken one is a DialogDefinitionError naming the option, never a failure mid-conversation.
 * Templates in intent files are checked when the files load (content/intent-entry.ts).
 */
import { DialogDefinitionError } from '../core/errors.js';
import { parseMessageTemplate } from '../content/message-template.js';
import { closest } from '../content/suggest.js';
import { engineMessagesFor } from './engine-messages.js';

type Subject = { name: string; subject: 'dialog' | 'bot' };

/** The template options of a `defineDialog` spec (its shape is already checked). */
export function checkDialogTemplates(spec: Record<string, unknown>, where: Subject): void {
  for (const [slot, options] of Object.entries((spec.slots ?? {}) as Record<string, Record<string, unknown> | undefined>)) {
    for (const option of ['prompt', 'reprompt', 'help']) checkTemplates(options?.[option], `slots.${slot}.${option}`, where);
  }
  if (typeof spec.confirm === 'string') checkTemplates(spec.confirm, 'confirm', where);
  if (typeof spec.changeable === 'string') checkTemplates(spec.changeable, 'changeable', where);
}

const messageKeys = Object.keys(engineMessagesFor('en'));

/** `defineBot({ messages, welcome })`: known message names, templates that read, team names as text. */
export function checkBotTemplates(definition: Record<string, unknown>, where: Subject): void {
  const messages = (definition.messages ?? {}) as Record<string, Record<string, unknown>>;
  for (const [locale, phrases] of Object.entries(messages)) {
    for (const [key, value] of Object.entries(phrases)) {
      const option = `messages.${locale}.${key}`;
      if (!messageKeys.includes(key)) {
        const suggestion = closest(key, messageKeys);
        fail(where, option, `unknown message ${key}${suggestion ? `; did you mean ${suggestion}?` : `; the messages are ${messageKeys.join(', ')}`}`);
      }
      if (key === 'teamNames') checkTeamNames(value, option, where);
      else checkTemplates(value, option, where);
    }
  }
  checkTemplates((definition.welcome as { say?: unknown } | undefined)?.say, 'welcome.say', where);
}

function checkTeamNames(value: unknown, option: string, where: Subject): void {
  const valid = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((name) => typeof name === 'string' && name.trim() !== '');
  if (!valid) fail(where, option, `${option} must map each queue to what customers hear its people called, e.g. { TechSupport: 'our technical support team' }`);
}

/** A template, or a list of them; anything else is left to the shape checks. */
function checkTemplates(value: unknown, option: string, where: Subject): void {
  const templates = typeof value === 'string' ? [[option, value] as const] : Array.isArray(value) ? value.map((item, index) => [`${option}[${index}]`, item] as const) : [];
  for (const [path, template] of templates) {
    if (typeof template !== 'string') continue;
    const parsed = parseMessageTemplate(template);
    if (parsed.kind === 'invalid') fail(where, path, `${path} is not a valid message template: ${parsed.message} (at character ${parsed.offset + 1}); ${parsed.hint}`);
  }
}

function fail(where: Subject, option: string, message: string): never {
  throw new DialogDefinitionError(where.name, message, { option, subject: where.subject });
}
