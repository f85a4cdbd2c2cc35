import type { Intent, IntentModel, LocaleModel, RepairRole, Slot, Utterance, UtterancePart } from '../../../src/content/intent-model.js';
import { telecomSlotTypes } from '../../slots/telecom-slot-types.js';

/** `"book a {service} for {date=friday}"` as utterance parts. */
export function utterance(text: string): Utterance {
  const parts: UtterancePart[] = [];
  let rest = text;
  for (let match = /\{(\w+)(?:=([^}]*))?\}/.exec(rest); match; match = /\{(\w+)(?:=([^}]*))?\}/.exec(rest)) {
    if (match.index > 0) parts.push({ kind: 'text', text: rest.slice(0, match.index) });
    parts.push(match[2] === undefined ? { kind: 'slot', slot: match[1]! } : { kind: 'slot', slot: match[1]!, example: match[2] });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) parts.push({ kind: 'text', text: rest });
  return { parts };
}

export function slot(name: string, type: string, required = true): Slot {
  return { name, type, required, aliases: [] };
}

export function intent(name: string, utterances: string[], slots: Slot[] = [], builtIn?: RepairRole): Intent {
  return { name, utterances: utterances.map(utterance), slots, ...(builtIn ? { builtIn } : {}) };
}

export const telecomIntents: Intent[] = [
  intent('Greeting', [
    'hi', 'hello', 'hey there', 'good morning', 'good afternoon', 'good evening', 'hi there',
    'hello is anyone there', 'hey', 'howdy', 'greetings', 'hiya', 'hello there bot', 'yo', 'hi how are you',
  ]),
  intent('CheckOrderStatus', [
    'where is my order', 'check my order status', 'track order {order}', 'what is the status of order {order}',
    'has my order shipped yet', 'when will my order {order=AB123456} arrive', 'my package has not arrived',
    'I want to track my delivery', 'is order {order} on its way', 'order status please', 'where is my new phone',
    'when does my equipment get delivered', 'can you look up order {order}', 'I ordered a modem and it never came',
    'tracking number for my order',
  ], [slot('order', 'OrderNumber')]),
  intent('BookAppointment', [
    'book a {service} for {date}', 'I need a technician {date} at {time}', 'schedule a {service} appointment',
    'can someone come {date} to do a {service}', 'book an appointment', 'I want to schedule a visit {date}',
    'set up an appointment for {date} at {time}', 'make an appointment for a {service}',
    'can a technician come out {date}', 'I need someone to {service} my {device}',
    'schedule a {service} visit at {time}', 'arrange a home visit', 'book a time slot for {date}',
    'I would like an engineer to come {date}', 'when can a technician visit',
  ], [slot('service', 'ServiceType'), slot('date', 'date'), slot('time', 'time'), slot('device', 'Device', false)]),
  intent('ReportOutage', [
    'is there an outage in {zip}', 'my internet is down', 'no service in {zip}', 'the network is down in my area',
    'is the service down', 'report an outage', 'there is no signal at my house', 'is there an outage near {zip}',
    'everything is down since this morning', 'my tv and internet stopped', 'is anyone else having connection problems',
    'service outage in {zip=94105}', 'the whole street has no internet', 'why is my connection dead',
    'are there any outages right now',
  ], [slot('zip', 'ZipCode')]),
  intent('ResetPassword', [
    'reset my password', 'I forgot my password', 'I cannot log in', 'change my password',
    'my password is not working', 'send a reset link to {email}', 'I am locked out of my account',
    'help me reset the password for {email}', 'forgot my login details', 'new password please',
    'I need to recover my account', 'the password for {email} does not work', 'how do I reset my password',
    'I cannot sign in to my account', 'unlock my account',
  ], [slot('email', 'email')]),
  intent('BillingQuestion', [
    'I have a question about my bill', 'why is my bill so high', 'explain the charges on my bill',
    'how much do I owe', 'when is my payment due', 'I was charged twice', 'what is this fee on my statement',
    'can I pay my bill', 'I want a refund', 'my invoice looks wrong', 'how do I change my payment method',
    'what is my balance', 'why did my bill go up {number} dollars', 'dispute a charge', 'billing question',
  ], [slot('amount', 'number', false)]),
  intent('TalkToAgent', [
    'talk to an agent', 'I want to speak to a human', 'connect me to a real person', 'can I talk to someone',
    'representative please', 'get me a live agent', 'transfer me to customer service', 'I need to speak with a person',
    'let me talk to a manager', 'put me through to an operator', 'agent', 'human please',
    'is there a person I can chat with', 'I would rather talk to a human', 'call me back on {phone}',
  ], [slot('phone', 'phone', false)]),
  intent('Goodbye', [
    'bye', 'goodbye', 'see you later', 'thanks bye', 'that is all', 'have a nice day', 'talk to you later',
    'I am done', 'nothing else thanks', 'bye for now', 'cheers bye', 'that will be all thank you',
    'good night', 'see ya', 'farewell',
  ]),
  intent('Help', [
    'help', 'what can you do', 'I need help', 'how does this work', 'what are my options', 'help me please',
    'what can I ask you', 'I am confused', 'what do you do', 'can you help me', 'show me what you can do',
    'I do not understand', 'what should I say', 'list the things you can do', 'give me some help',
  ], [], 'help'),
  intent('Cancel', [
    'cancel', 'stop', 'never mind', 'forget it', 'cancel that', 'I changed my mind', 'stop this',
    'do not bother', 'abort', 'quit', 'cancel the request', 'I do not want to do this anymore', 'drop it',
    'no stop', 'leave it',
  ], [], 'cancel'),
  intent('StartOver', [
    'start over', 'start again', 'restart', 'let us begin again', 'from the beginning', 'reset the conversation',
    'go back to the start', 'can we start from scratch', 'begin again', 'start from the top', 'new conversation',
    'let me start over', 'restart the chat', 'take it from the top', 'clear everything and start again',
  ], [], 'start-over'),
  intent('Repeat', [
    'repeat', 'say that again', 'what did you say', 'can you repeat that', 'sorry what', 'come again',
    'I did not catch that', 'pardon', 'repeat please', 'one more time please', 'say it again',
    'could you say that one more time', 'what was that', 'repeat the last message', 'I missed that',
  ], [], 'repeat'),
];

export const telecomEnglish: LocaleModel = { locale: 'en-US', intents: telecomIntents, slotTypes: telecomSlotTypes };

const telecomSpanish: LocaleModel = {
  locale: 'es-US',
  intents: [
    intent('Greeting', ['hola', 'buenos días', 'buenas tardes', 'qué tal', 'hola buenas']),
    intent('TalkToAgent', ['quiero hablar con un agente', 'hablar con una persona', 'pásame con un representante', 'un humano por favor', 'necesito un agente']),
    intent('Goodbye', ['adiós', 'hasta luego', 'chao', 'nos vemos', 'gracias adiós']),
  ],
  slotTypes: [],
};

export function telecomModel(): IntentModel {
  return { locales: { 'en-US': telecomEnglish, 'es-US': telecomSpanish } };
}

/** Paraphrases that are in no utterance above, with the intent a person would read in them. */
export const heldOutParaphrases: [string, string][] = [
  ['hello, good to meet you', 'Greeting'],
  ['hey hey', 'Greeting'],
  ['has order AB 123-456 been shipped?', 'CheckOrderStatus'],
  ['any update on my order', 'CheckOrderStatus'],
  ['I am still waiting for my delivery', 'CheckOrderStatus'],
  ['could you check where my package is', 'CheckOrderStatus'],
  ['please book me a technician for next monday', 'BookAppointment'],
  ['I would like to schedule an installation on friday at 10am', 'BookAppointment'],
  ['can a tech come and fix my modem tomorrow', 'BookAppointment'],
  ['my internet has been down all day', 'ReportOutage'],
  ['is the network out in 10001?', 'ReportOutage'],
  ['no internet connection at home', 'ReportOutage'],
  ['i forgot the password to my account', 'ResetPassword'],
  ['I cannot log into my account, please reset it', 'ResetPassword'],
  ['my login is not working', 'ResetPassword'],
  ['why was I charged this much', 'BillingQuestion'],
  ['there is a strange charge on my bill', 'BillingQuestion'],
  ['when do I have to pay', 'BillingQuestion'],
  ['let me speak to a real human being', 'TalkToAgent'],
  ['can you transfer me to an agent', 'TalkToAgent'],
  ['thanks, that is everything, bye', 'Goodbye'],
  ['ok see you', 'Goodbye'],
  ['what kinds of things can you help with', 'Help'],
  ['please help', 'Help'],
  ['cancel it', 'Cancel'],
  ['forget about it', 'Cancel'],
  ['let us start from the beginning', 'StartOver'],
  ['restart please', 'StartOver'],
  ['sorry, could you repeat that', 'Repeat'],
  ['say that one more time', 'Repeat'],
  ['hi bot', 'Greeting'],
  ['good day to you', 'Greeting'],
  ['hello hello', 'Greeting'],
  ['hey, anybody home?', 'Greeting'],
  ['my order still has not arrived', 'CheckOrderStatus'],
  ['can you tell me when my order will be delivered', 'CheckOrderStatus'],
  ['status of XY 987 654', 'CheckOrderStatus'],
  ['did you ship my router yet', 'CheckOrderStatus'],
  ['I need to book a service appointment', 'BookAppointment'],
  ['could someone come over on thursday to install my box', 'BookAppointment'],
  ['schedule a technician for tomorrow afternoon', 'BookAppointment'],
  ['I want an engineer visit next week', 'BookAppointment'],
  ['is the internet out in my neighborhood', 'ReportOutage'],
  ['there seems to be an outage', 'ReportOutage'],
  ['my cable tv has no signal', 'ReportOutage'],
  ['service is down in 60614', 'ReportOutage'],
  ['I need a new password', 'ResetPassword'],
  ['my account is locked', 'ResetPassword'],
  ['password reset for jane@example.com', 'ResetPassword'],
  ['I can not remember my password', 'ResetPassword'],
  ['my bill is wrong', 'BillingQuestion'],
  ['what are these charges', 'BillingQuestion'],
  ['I would like to pay my balance', 'BillingQuestion'],
  ['why am I paying more this month', 'BillingQuestion'],
  ['I want a person', 'TalkToAgent'],
  ['connect me with support staff', 'TalkToAgent'],
  ['speak to an agent please', 'TalkToAgent'],
  ['I need a human to help me', 'TalkToAgent'],
  ['thank you goodbye', 'Goodbye'],
  ['all done, bye bye', 'Goodbye'],
  ['later', 'Goodbye'],
  ['that is it for today, thanks', 'Goodbye'],
  ['what can this bot do', 'Help'],
  ['I am lost, help', 'Help'],
  ['how do I use this', 'Help'],
  ['what are you able to help me with', 'Help'],
  ['cancel this', 'Cancel'],
  ['no, forget it', 'Cancel'],
  ['stop please', 'Cancel'],
  ['never mind that', 'Cancel'],
  ['start again please', 'StartOver'],
  ['can we restart', 'StartOver'],
  ['let me begin from scratch', 'StartOver'],
  ['go back to the beginning', 'StartOver'],
  ['repeat that please', 'Repeat'],
  ['what was that again', 'Repeat'],
  ['could you say that again', 'Repeat'],
  ['sorry I missed what you said', 'Repeat'],
];

export const outOfDomainSentences: string[] = [
  'what is the capital of peru',
  'who won the football game yesterday',
  'give me a good recipe for chocolate cake',
  'will it be sunny in chicago this week',
  'tell me something funny about penguins',
  'how many moons does jupiter have',
  'recommend a novel to read on vacation',
  'asdkjh qwpoeiru zmxncb',
];
