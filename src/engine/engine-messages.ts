/**
 * What the engine itself says (repair, fallbacks, handoff offers). Bots override any of them per
 * locale in `defineBot({ messages })`. Each is a message template (see message-format.ts): `{name}`
 * placeholders are filled at run time, and plural, select, number, date and time arguments work too.
 */
export interface EngineMessages {
  /** Nothing was understood and no task is active. */
  notUnderstood: string[];
  /** The second time in a row: say what the bot can do. `{capabilities}`. */
  notUnderstoodWithHelp: string;
  /** The third time in a row: a person takes over. */
  handingOffNotUnderstood: string;
  /** Inside a task, an answer was not understood (before the reprompt). */
  didNotCatch: string[];
  /** An answer a closed list does not have, with the options when they are few. `{value}`, `{options}` ("a, b or c"). */
  notAnOption: string;
  /** The same, for a list too long to read out. `{value}`. */
  notAnOptionBrief: string;
  /** Help while idle. `{capabilities}`. */
  help: string;
  /** Shown before the first turn, unless `defineBot({ welcome })` says otherwise. `{name}`, `{capabilities}`. */
  welcome: string;
  /** The same, for a bot with no titled dialog to list. `{name}`. */
  welcomeBrief: string;
  /** Help inside a task when the slot has no help text. `{label}`, `{task}`. */
  slotHelp: string;
  /** Help at a yes/no question. */
  confirmationHelp: string;
  cancelled: string;
  nothingToCancel: string;
  startingOver: string;
  startOverIdle: string;
  nothingToRepeat: string;
  /** After an interrupting task ends. `{resumeTitle}` (the task under way, "your technician visit booking"), `{task}` (its title). */
  resuming: string;
  /** After a cancel, with another task waiting. `{resumeTitle}`, `{task}`. */
  resumingAfterCancel: string;
  /** What a task is called when resumed, for a dialog with no `resumeTitle` of its own. `{task}` (its title). */
  resumeTitle: string;
  /**
   * A customer came back after the bot's idle timeout to a task left half done: it was set aside, and
   * their message is read afresh. `{resumeTitle}`, `{task}`.
   */
  setAsideAfterIdle: string;
  askAnythingElse: string;
  /** A second request of the same message, once the first is done. `{task}`. */
  alsoAsked: string;
  /** A correction of a task already done (a `changeable` dialog's). `{task}`, `{label}`, `{previous}`, `{change}`. */
  offerChange: string;
  /** The offered change was declined. */
  keptAsIs: string;
  /** Retries are used up. */
  offerAgent: string;
  /** The customer accepted the offer, or asked for a person. Never names the queue: queue names route, they are not said. */
  handingOff: string;
  /** The same, when the queue has a name in `teamNames`. `{team}`. */
  handingOffToTeam: string;
  /**
   * What customers hear a queue's people called, by queue: `{ TechSupport: 'our technical support
   * team' }`. Optional; a queue without one is "a person" (`handingOff`).
   */
  teamNames: Record<string, string>;
  agentDeclined: string;
  offerAgentReprompt: string;
  /** A yes/no question was not answered with yes or no. */
  yesOrNo: string;
  /** Confirmation declined. `{slots}` lists what can be changed. */
  whatToChange: string;
  changeReprompt: string;
  /** A filled slot was changed. `{label}`, `{value}`. */
  changed: string;
  /** A slot that holds a list (`multiple`) was changed or added to; `{value}` is the whole list. `{label}`, `{value}`. */
  changedList: string;
  /** A task's work failed. */
  taskFailed: string;
  /** The bot could not answer in the time the platform waits (or its store failed): a person takes over. */
  unavailable: string;
  /** A handoff could not reach the people who take over (their service failed). */
  agentUnavailable: string;
  /** The person who had the conversation left it: the bot has it again. */
  agentLeft: string;
  tooLong: string;
  empty: string;
  /** The list separators for "{a}, {b} or {c}". */
  or: string;
  and: string;
  /** Quick-reply titles for yes/no questions. */
  yes: string;
  no: string;
}

const enUS: EngineMessages = {
  notUnderstood: ["Sorry, I didn't get that. Could you say it another way?", "Sorry, I'm not sure what you mean. Could you rephrase that?"],
  notUnderstoodWithHelp: "I'm still not following, sorry. I can {capabilities}. What would you like to do?",
  handingOffNotUnderstood: "I'm sorry I couldn't help. Let me connect you with someone who can.",
  didNotCatch: ["Sorry, I didn't catch that.", "Sorry, I still didn't get that."],
  notAnOption: "We don't have {value}. You can choose {options}.",
  notAnOptionBrief: "Sorry, we don't have {value}.",
  help: 'I can {capabilities}. Just tell me what you need, in your own words.',
  welcome: "Hi, you're chatting with {name}. I can {capabilities}. How can I help?",
  welcomeBrief: "Hi, you're chatting with {name}. How can I help?",
  slotHelp: 'To {task}, I need the {label}.',
  confirmationHelp: "Please answer yes to go ahead, or no to change something.",
  cancelled: "OK, I've cancelled that.",
  nothingToCancel: "There's nothing to cancel right now.",
  startingOver: "Sure, let's start again.",
  startOverIdle: "Sure, let's start over.",
  nothingToRepeat: "I haven't said anything yet. How can I help?",
  resuming: 'Now, where were we? Back to {resumeTitle}.',
  resumingAfterCancel: "Let's get back to {resumeTitle}.",
  resumeTitle: 'your request to {task}',
  setAsideAfterIdle: "Welcome back. It's been a while, so I've closed {resumeTitle}; we can start it again whenever you like.",
  askAnythingElse: 'Is there anything else I can help you with?',
  alsoAsked: 'You also asked me to {task}. Shall I do that now?',
  offerChange: 'You asked me to {task} with the {label} {previous}. Do you want to change it to {change}?',
  keptAsIs: 'OK, I will leave it as it is.',
  offerAgent: "I'm having trouble with this. Would you like me to connect you with a person?",
  handingOff: "I'm connecting you with a person now. Please hold on.",
  handingOffToTeam: "I'm connecting you with {team} now. Please hold on.",
  teamNames: {},
  agentDeclined: "OK, let's keep trying.",
  offerAgentReprompt: 'Would you like to talk to a person? Please say yes or no.',
  yesOrNo: 'Please say yes or no.',
  whatToChange: 'What would you like to change: the {slots}?',
  changeReprompt: 'Which part should I change: the {slots}? Or say "nothing" to keep it as it is.',
  changed: 'Got it, the {label} is now {value}.',
  changedList: 'Got it, {label}: {value}.',
  taskFailed: "Sorry, something went wrong on my side and I couldn't finish that.",
  unavailable: "Sorry, I'm having trouble right now. Let me connect you with someone who can help.",
  agentUnavailable: "Sorry, I couldn't reach anyone right now. Please try again in a few minutes, or tell me what else I can do.",
  agentLeft: "You're back with the assistant. Is there anything else I can help with?",
  tooLong: "That message is too long for me ({length} characters; I can read up to {max}). Could you say it more briefly?",
  empty: "I didn't get any words there. What can I help you with?",
  or: 'or',
  and: 'and',
  yes: 'Yes',
  no: 'No',
};

const esUS: EngineMessages = {
  notUnderstood: ['Perdón, no entendí. ¿Puede decirlo de otra manera?', 'Perdón, no estoy seguro de lo que quiere decir. ¿Puede reformularlo?'],
  notUnderstoodWithHelp: 'Sigo sin entender, perdón. Puedo {capabilities}. ¿Qué desea hacer?',
  handingOffNotUnderstood: 'Lamento no poder ayudarle. Le comunico con una persona.',
  didNotCatch: ['Perdón, no lo entendí.', 'Perdón, sigo sin entenderlo.'],
  notAnOption: 'No tenemos {value}. Puede elegir {options}.',
  notAnOptionBrief: 'Perdón, no tenemos {value}.',
  help: 'Puedo {capabilities}. Dígame qué necesita con sus propias palabras.',
  welcome: 'Hola, está chateando con {name}. Puedo {capabilities}. ¿En qué le puedo ayudar?',
  welcomeBrief: 'Hola, está chateando con {name}. ¿En qué le puedo ayudar?',
  slotHelp: 'Para {task}, necesito {label}.',
  confirmationHelp: 'Responda sí para continuar o no para cambiar algo.',
  cancelled: 'De acuerdo, lo he cancelado.',
  nothingToCancel: 'No hay nada que cancelar ahora.',
  startingOver: 'Claro, empecemos de nuevo.',
  startOverIdle: 'Claro, empecemos de nuevo.',
  nothingToRepeat: 'Todavía no he dicho nada. ¿En qué le puedo ayudar?',
  resuming: 'Ahora, ¿dónde estábamos? Volvamos a {resumeTitle}.',
  resumingAfterCancel: 'Volvamos a lo que estábamos haciendo: {resumeTitle}.',
  resumeTitle: 'su solicitud de {task}',
  setAsideAfterIdle: 'Bienvenido de nuevo. Ha pasado un tiempo, así que cerré {resumeTitle}; podemos empezar de nuevo cuando quiera.',
  askAnythingElse: '¿Hay algo más en lo que le pueda ayudar?',
  alsoAsked: 'También me pidió {task}. ¿Lo hago ahora?',
  offerChange: 'Me pidió {task} con {label} {previous}. ¿Quiere cambiarlo a {change}?',
  keptAsIs: 'De acuerdo, lo dejo como está.',
  offerAgent: 'Estoy teniendo problemas con esto. ¿Quiere que le comunique con una persona?',
  handingOff: 'Le estoy comunicando con una persona. Por favor espere.',
  handingOffToTeam: 'Le estoy comunicando con {team}. Por favor espere.',
  teamNames: {},
  agentDeclined: 'De acuerdo, sigamos intentando.',
  offerAgentReprompt: '¿Quiere hablar con una persona? Por favor diga sí o no.',
  yesOrNo: 'Por favor diga sí o no.',
  whatToChange: '¿Qué desea cambiar: {slots}?',
  changeReprompt: '¿Qué parte debo cambiar: {slots}? O diga "nada" para dejarlo así.',
  changed: 'Entendido, {label} ahora es {value}.',
  changedList: 'Entendido, {label}: {value}.',
  taskFailed: 'Perdón, algo salió mal de mi lado y no pude terminar.',
  unavailable: 'Perdón, ahora mismo tengo problemas. Le paso con alguien que le pueda ayudar.',
  agentUnavailable: 'Perdón, ahora mismo no he podido contactar con nadie. Inténtelo de nuevo en unos minutos, o dígame en qué más le puedo ayudar.',
  agentLeft: 'Vuelve a hablar con el asistente. ¿Le puedo ayudar en algo más?',
  tooLong: 'Ese mensaje es demasiado largo ({length} caracteres; puedo leer hasta {max}). ¿Puede decirlo más brevemente?',
  empty: 'No recibí ninguna palabra. ¿En qué le puedo ayudar?',
  or: 'o',
  and: 'y',
  yes: 'Sí',
  no: 'No',
};

const byLanguage: Record<string, EngineMessages> = { en: enUS, es: esUS };

/** The engine's phrases for a locale: the language's defaults (English when unknown) under the bot's overrides. */
export function engineMessagesFor(locale: string, overrides?: Partial<EngineMessages>): EngineMessages {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  return { ...(byLanguage[language] ?? enUS), ...overrides };
}

/** One of several wordings, rotating with the turn so repeated prompts do not sound canned. */
export function pick(variations: readonly string[], turn: number): string {
  return variations[turn % variations.length] ?? '';
}

/** "a, b or c". */
export function joinList(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
