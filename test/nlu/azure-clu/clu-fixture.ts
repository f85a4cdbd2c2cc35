// A small telecom model, a CLU emulator serving it, and the real Azure client pointed at the emulator.
import { AzureKeyCredential, ConversationAnalysisClient } from '@azure/ai-language-conversations';
import type { Intent, IntentModel, Slot, SlotType, Utterance, UtterancePart } from '../../../src/content/intent-model.js';
import { fixedClock } from '../../../src/core/clock.js';
import { createCluRecognizer, type CluRecognizerOptions } from '../../../src/nlu/azure-clu/index.js';
import type { Recognizer, RecognizeRequest } from '../../../src/nlu/recognizer.js';
import { startCluEmulator, type CluEmulator, type CluEmulatorOptions } from '../../../src/testing/emulators/clu/index.js';

export const apiKey = 'test-language-key';
/** The service's clock: Monday 4 March 2030, 09:00 UTC (04:00 in New York, the same day). */
export const serviceClock = fixedClock('2030-03-04T09:00', 'UTC');

/** `"book a {service} for {date=friday}"` as utterance parts. */
function utterance(text: string): Utterance {
  const parts: UtterancePart[] = [];
  for (const piece of text.split(/(\{\w+(?:=[^}]*)?\})/)) {
    const slot = /^\{(\w+)(?:=([^}]*))?\}$/.exec(piece);
    if (slot) parts.push(slot[2] === undefined ? { kind: 'slot', slot: slot[1]! } : { kind: 'slot', slot: slot[1]!, example: slot[2] });
    else if (piece) parts.push({ kind: 'text', text: piece });
  }
  return { parts };
}

const slot = (name: string, type: string): Slot => ({ name, type, required: true, aliases: [] });
const intent = (name: string, utterances: string[], slots: Slot[] = []): Intent => ({ name, utterances: utterances.map(utterance), slots });

const serviceType: SlotType = {
  kind: 'list',
  name: 'ServiceType',
  restrict: true,
  values: [
    { value: 'repair', synonyms: ['fix', 'fixing', 'broken'] },
    { value: 'installation', synonyms: ['install', 'set up', 'setup'] },
  ],
};
const orderNumber: SlotType = {
  kind: 'regex',
  name: 'OrderNumber',
  pattern: '[A-Z]{2}[0-9]{6}',
  caseInsensitive: true,
  separators: ' -',
  transform: 'upper',
  examples: ['AB123456', 'XY 987 654'],
};

export const model: IntentModel = {
  locales: {
    'en-US': {
      locale: 'en-US',
      slotTypes: [serviceType, orderNumber],
      intents: [
        intent('BookAppointment', [
          'book a {service} for {date}', 'I need a technician {date} at {time}', 'schedule a {service} appointment',
          'can someone come {date} to do a {service}', 'book an appointment', 'I want to schedule a visit {date}',
          'set up an appointment for {date} at {time}', 'make an appointment for a {service}', 'can a technician come out {date}',
          'schedule a {service} visit at {time}', 'arrange a home visit', 'book a time slot for {date}',
        ], [slot('service', 'ServiceType'), slot('date', 'date'), slot('time', 'time')]),
        intent('CheckOrderStatus', [
          'where is my order', 'check my order status', 'track order {order}', 'what is the status of order {order}',
          'has my order shipped yet', 'when will my order {order=AB123456} arrive', 'my package has not arrived',
          'I want to track my delivery', 'is order {order} on its way', 'order status please',
        ], [slot('order', 'OrderNumber')]),
        intent('TalkToAgent', [
          'talk to an agent', 'I want to speak to a human', 'connect me to a real person', 'can I talk to someone',
          'representative please', 'get me a live agent', 'transfer me to customer service', 'call me back on {phone}',
          'I need to speak with a person', 'put me through to an operator',
        ], [slot('phone', 'phone')]),
        intent('BillingQuestion', [
          'I have a question about my bill', 'why is my bill so high', 'explain the charges on my bill', 'how much do I owe',
          'when is my payment due', 'I was charged twice', 'can I pay my bill', 'my invoice looks wrong',
          'why did my bill go up {amount} dollars', 'what is my balance',
        ], [slot('amount', 'number')]),
        intent('Greeting', ['hi', 'hello', 'hey there', 'good morning', 'good afternoon', 'hi there', 'howdy', 'greetings']),
        intent('Goodbye', ['bye', 'goodbye', 'see you later', 'thanks bye', 'that is all', 'have a nice day', 'farewell']),
      ],
    },
    'es-US': {
      locale: 'es-US',
      slotTypes: [],
      intents: [
        intent('Greeting', ['hola', 'buenos días', 'buenas tardes', 'qué tal', 'hola buenas']),
        intent('TalkToAgent', ['quiero hablar con un agente', 'hablar con una persona', 'pásame con un representante', 'necesito un agente']),
      ],
    },
  },
};

/** A real ConversationAnalysisClient for the emulator: http needs allowInsecureConnection; the router retries, not the client. */
export function clientFor(emulator: CluEmulator, key = apiKey): ConversationAnalysisClient {
  return new ConversationAnalysisClient(emulator.url, new AzureKeyCredential(key), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
}

export function startEmulator(options: Partial<CluEmulatorOptions> = {}): Promise<CluEmulator> {
  return startCluEmulator({ model, apiKey, clock: serviceClock, projects: [{ projectName: 'Parley', deployments: ['production'] }], ...options });
}

export function recognizerFor(emulator: CluEmulator, options: Partial<CluRecognizerOptions> = {}): Recognizer {
  return createCluRecognizer({ client: clientFor(emulator), projectName: 'Parley', deploymentName: 'production', model, ...options });
}

/** A request as the runtime makes it: the customer in New York, at the service clock's instant. */
export function request(text: string, extra: Partial<RecognizeRequest> = {}): RecognizeRequest {
  return { text, locale: 'en-US', now: serviceClock.now(), timeZone: 'America/New_York', ...extra };
}
