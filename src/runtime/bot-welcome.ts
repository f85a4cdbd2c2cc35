/**
 * What a bot shows before the first turn: a greeting and a few things the visitor can send with one
 * click. Built from `defineBot({ welcome })`, or else from what the bot already knows about itself:
 * its name, the "I can …" list help gives, and its intents' sample utterances. Showing it stores
 * nothing: a visitor who never types leaves no conversation behind.
 */
import { findIntent, utteranceText, type IntentModel, type Utterance } from '../content/intent-model.js';
import type { Engine } from '../engine/engine.js';
import { formatMessage } from '../engine/message-format.js';

export interface WelcomeOptions {
  /**
   * The greeting: one message, or several shown in order. `{name}` and `{capabilities}` (the titled
   * dialogs, as help lists them) are filled in. Default: the `welcome` phrase of `messages`.
   */
  say?: string | string[];
  /** Sent as the visitor's message when clicked (at most 6). Default: a sample utterance of each of the first four titled dialogs. */
  suggestions?: string[];
}

/** The welcome in one locale, ready to show. */
export interface Welcome {
  locale: string;
  messages: string[];
  suggestions: string[];
}

/** Chips enough to show the range of what the bot does, few enough to read at a glance. */
const defaultSuggestionCount = 4;

/**
 * The bot's welcome in each of its locales, worked out once per locale on first use.
 *
 * @example
 * const welcome = createWelcomes({ name: 'Acme', options: { suggestions: ['Where is my order?'] }, engine, model });
 * welcome('en-US').messages // ["Hi, you're chatting with Acme. I can check an order. How can I help?"]
 */
export function createWelcomes(bot: { name: string; options: WelcomeOptions | undefined; engine: Engine; model: IntentModel }): (locale: string) => Welcome {
  const made = new Map<string, Welcome>();
  return (locale) => {
    let welcome = made.get(locale);
    if (!welcome) {
      welcome = buildWelcome(bot, locale);
      made.set(locale, welcome);
    }
    return welcome;
  };
}

function buildWelcome({ name, options, engine, model }: { name: string; options: WelcomeOptions | undefined; engine: Engine; model: IntentModel }, locale: string): Welcome {
  const capabilities = engine.capabilities(locale);
  const phrases = engine.phrases(locale);
  const greeting = options?.say ?? (capabilities.intents.length > 0 ? phrases.welcome : phrases.welcomeBrief);
  const messages = (typeof greeting === 'string' ? [greeting] : greeting).map((text) => formatMessage(text, { name, capabilities: capabilities.text }, { locale }));
  const suggestions = options?.suggestions ?? suggestionsFrom(capabilities.intents, model, locale);
  return { locale, messages, suggestions: [...suggestions] };
}

/** The first utterance of each intent that reads as something a person would type (no `{slot}` left), capitalised. */
function suggestionsFrom(intents: readonly string[], model: IntentModel, locale: string): string[] {
  const content = model.locales[locale];
  if (!content) return [];
  const suggestions: string[] = [];
  for (const name of intents) {
    const utterance = findIntent(content, name)?.utterances.find(isComplete);
    if (utterance) suggestions.push(capitalise(utteranceText(utterance).trim(), locale));
    if (suggestions.length === defaultSuggestionCount) break;
  }
  return suggestions;
}

function isComplete(utterance: Utterance): boolean {
  return utterance.parts.every((part) => part.kind === 'text' || part.example !== undefined);
}

function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
