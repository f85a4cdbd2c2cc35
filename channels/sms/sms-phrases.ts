/**
 * What the SMS channel says itself: the numbered options under a question, and the answers to the
 * STOP, START and HELP keywords. English and Spanish built in; a bot overrides any of them per
 * language. Each is a message template (`{name}` is the bot's name).
 */
import { formatMessage, type MessageValues } from '../../src/engine/message-format.js';

export interface SmsPhrases {
  /** The line under a message with options: `{choices}` ("1 for Yes, 2 for No"). */
  reply: string;
  /** One option: `{number}`, `{title}`. */
  choice: string;
  /** Said once when a number opts out (STOP). `{name}`. */
  stopped: string;
  /** Said when a number opts back in (START); empty to say nothing (when the carrier answers START itself). `{name}`. */
  resumed: string;
  /** The answer to HELP. `{name}`. */
  help: string;
}

const en: SmsPhrases = {
  reply: 'Reply {choices}.',
  choice: '{number} for {title}',
  stopped: "You're unsubscribed from {name} and won't get any more messages. Reply START to resubscribe.",
  resumed: "You're subscribed to {name} again. Reply STOP to unsubscribe.",
  help: "{name}'s virtual assistant: text your question in your own words. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.",
};

const es: SmsPhrases = {
  reply: 'Responda {choices}.',
  choice: '{number} para {title}',
  stopped: 'Ha cancelado su suscripción a {name} y no recibirá más mensajes. Responda START para volver a suscribirse.',
  resumed: 'Está suscrito de nuevo a {name}. Responda STOP para cancelar la suscripción.',
  help: 'Asistente virtual de {name}: escriba su pregunta con sus propias palabras. Responda STOP para cancelar la suscripción, START para volver a suscribirse. Pueden aplicarse tarifas de mensajes y datos.',
};

const builtIn: Record<string, SmsPhrases> = { en, es };

/** Phrases per language (`en`, `es`…), each overriding the built-in ones it names. */
export type SmsPhraseOverrides = Record<string, Partial<SmsPhrases>>;

/** The phrases for a locale: its language's built-in ones (English for a language without), with the overrides. */
export function smsPhrases(locale: string, overrides: SmsPhraseOverrides = {}): SmsPhrases {
  const language = locale.split('-')[0]!.toLowerCase();
  return { ...(builtIn[language] ?? en), ...overrides[language] };
}

/** Fills one phrase for a locale. */
export function sayPhrase(template: string, values: MessageValues, locale: string): string {
  return formatMessage(template, values, { locale });
}
