/**
 * Parley's repair intents. Every locale model has them; intent files may add utterances, slots and
 * prompts to them by defining an intent of the same name. Utterances are kept short and generic so
 * they do not collide with each other or with task requests ("cancel my order" is a task).
 */
import type { Intent, RepairRole } from './intent-model.js';

/**
 * The repair intents, in the order they appear in a locale model.
 *
 * @example
 * builtInIntents.map((intent) => intent.name) // ['Help', 'Cancel', 'StartOver', 'Repeat']
 */
export const builtInIntents: readonly { name: string; role: RepairRole }[] = [
  { name: 'Help', role: 'help' },
  { name: 'Cancel', role: 'cancel' },
  { name: 'StartOver', role: 'start-over' },
  { name: 'Repeat', role: 'repeat' },
];

/**
 * The Lex V2 built-in intents each repair intent can stand for, so a Lex bot's `AMAZON.RepeatIntent`
 * imports as `Repeat` and builds back as the built-in (the intent file's `lex:` block).
 *
 * @example
 * lexBuiltInSignatures.cancel // ['AMAZON.CancelIntent', 'AMAZON.StopIntent']
 */
export const lexBuiltInSignatures: Readonly<Record<RepairRole, readonly string[]>> = {
  help: ['AMAZON.HelpIntent'],
  cancel: ['AMAZON.CancelIntent', 'AMAZON.StopIntent'],
  'start-over': ['AMAZON.StartOverIntent'],
  repeat: ['AMAZON.RepeatIntent'],
};

/**
 * The repair intent a Lex built-in intent is, if any.
 *
 * @example
 * repairIntentOfLexSignature('AMAZON.StopIntent') // 'Cancel'
 */
export function repairIntentOfLexSignature(signature: string): string | undefined {
  return builtInIntents.find((builtIn) => lexBuiltInSignatures[builtIn.role].includes(signature))?.name;
}

/** The Lex built-in every Lex locale has for "not understood"; Parley answers that itself. */
export const lexFallbackSignature = 'AMAZON.FallbackIntent';

/**
 * Whether a Lex intent built on `signature` is one Parley does not run (Q in Connect, QnA, Kendra, a
 * Bedrock agent…): an `AMAZON.*` built-in that is neither the fallback nor a repair intent's. Such an
 * intent is kept for the Lex build only (`lex-passthrough/`).
 *
 * @example
 * isLexOnlyBuiltIn('AMAZON.QInConnectIntent') // true
 * isLexOnlyBuiltIn('AMAZON.RepeatIntent') // false: Parley's Repeat
 */
export function isLexOnlyBuiltIn(signature: string | null | undefined): boolean {
  return typeof signature === 'string' && signature.startsWith('AMAZON.') && signature !== lexFallbackSignature && repairIntentOfLexSignature(signature) === undefined;
}

/**
 * The intent by which a customer asks for a person. Not built in: a bot gives it a dialog that hands
 * off (docs/dialogs.md). Like the repair intents, it is a request a customer may make at any question,
 * so its phrases are never read as misspelt slot values, and `parley intents lint` checks values
 * against them.
 */
export const handoffIntentName = 'TalkToAgent';

/**
 * Whether an intent is a repair intent or the handoff intent: one the customer may ask for at any
 * question, whatever is being asked.
 *
 * @example
 * isRepairOrHandoff(findIntent(localeModel, 'Cancel')!) // true
 */
export function isRepairOrHandoff(intent: Intent): boolean {
  return intent.builtIn !== undefined || intent.name === handoffIntentName;
}

type UtterancesByRole = Record<RepairRole, readonly string[]>;

const english: UtterancesByRole = {
  help: [
    'help', 'help me', 'I need help', 'can you help me', 'what can I say', 'what can you do',
    'what are my options', 'what do I say', "I'm confused", "I don't understand", "I don't know what to say",
    "I'm lost", 'how does this work', 'what should I say here', "I'm not sure what you're asking",
    'what do you mean', 'can you explain that', "I'm stuck", 'what am I supposed to say',
    'how do I use this', 'give me some options', 'what do you need from me', "I don't get it",
  ],
  cancel: [
    'cancel', 'cancel that', 'never mind', 'nevermind', 'forget it', 'forget about it', 'stop',
    'stop please', 'quit', 'I want to stop', "I don't want to do this anymore", 'I changed my mind',
    'scratch that', "don't bother", 'leave it', 'no thanks, forget it', "let's not", 'drop it',
    'exit', 'abort', "never mind, I'll do it later", "I'll do it another time",
  ],
  'start-over': [
    'start over', 'start again', "let's start again", "let's start over", 'from the top',
    'begin again', 'restart', 'reset', 'can we start over', 'I want to start over',
    'go back to the beginning', 'back to the start', 'take it from the top', 'let me start again',
    'start from scratch', 'start from the beginning', 'redo everything', "I'd like to begin again",
    'can I start again', "let's try that again from the start", 'wipe that and start again',
  ],
  repeat: [
    'repeat', 'repeat that', 'say that again', 'come again?', 'what did you say', 'can you repeat that',
    'could you say that again', 'sorry, what?', 'pardon?', 'pardon me?', "I didn't catch that",
    'I missed that', 'one more time', 'say it again', 'what was that', 'huh?', "sorry, I didn't hear you",
    'please repeat', 'can you say that one more time', 'repeat the question', 'what was the question',
    "I didn't hear that", 'excuse me?',
  ],
};

const spanish: UtterancesByRole = {
  help: [
    'ayuda', 'ayúdame', 'necesito ayuda', '¿me puedes ayudar?', '¿qué puedo decir?', '¿qué puedes hacer?',
    '¿cuáles son mis opciones?', 'no entiendo', 'estoy confundido', 'estoy confundida', 'no sé qué decir',
    '¿cómo funciona esto?', '¿qué debo decir?', 'me perdí', '¿qué quieres decir?', 'no sé qué hacer',
  ],
  cancel: [
    'cancelar', 'cancela eso', 'cancélalo', 'olvídalo', 'olvídelo', 'déjalo', 'no importa', 'para',
    'detente', 'ya no quiero', 'cambié de opinión', 'mejor no', 'salir', 'basta', 'mejor déjalo así',
  ],
  'start-over': [
    'empezar de nuevo', 'volver a empezar', 'comenzar de nuevo', 'empecemos otra vez', 'desde el principio',
    'reiniciar', 'quiero empezar de nuevo', 'vamos a empezar de cero', 'empezar desde cero',
    'volver al inicio', 'otra vez desde el principio', '¿podemos empezar de nuevo?',
    'borra todo y empieza otra vez',
  ],
  repeat: [
    'repite', 'repítelo', '¿puedes repetir?', '¿me lo repites?', '¿qué dijiste?', '¿cómo?', 'no te escuché',
    'no entendí lo que dijiste', 'dilo otra vez', 'otra vez, por favor', '¿perdón?', '¿mande?',
    'una vez más', 'repite la pregunta', '¿qué fue eso?', 'no te oí',
  ],
};

// By language, not locale: en-GB and en-AU use the English list, es-MX the Spanish one.
const byLanguage: Record<string, UtterancesByRole> = { en: english, es: spanish };

/**
 * The built-in utterances of a repair intent for a locale; empty when Parley has none for its language.
 *
 * @example
 * builtInUtterances('en-US', 'Cancel') // ['cancel', 'cancel that', 'never mind', …]
 */
export function builtInUtterances(locale: string, intent: string): readonly string[] {
  const role = builtInIntents.find((builtIn) => builtIn.name === intent)?.role;
  const language = languageOf(locale);
  if (!role || !language) return [];
  return byLanguage[language]?.[role] ?? [];
}

export function hasBuiltInUtterances(locale: string, intent: string): boolean {
  return builtInUtterances(locale, intent).length > 0;
}

function languageOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).language;
  } catch {
    return undefined;
  }
}
