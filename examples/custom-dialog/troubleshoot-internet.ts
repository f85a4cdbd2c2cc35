import { assign, fromPromise, setup, type AnyEventObject } from 'xstate';
import { handoff, readYesNo, say, type DialogInput, type DialogOutput, type Recognition } from 'parley-sdk';
import { findOutage, type Outage } from './network-status.js';

// What the dialog asks, and how it reads answers that are not a plain yes or no ("it's orange").
const notWorking = /\b(not|isn't|doesn't|won't|still|nothing|never)\b/i;
const questions = {
  zipCode: {
    ask: "What's your ZIP code? I'll check for outages in your area first.",
    reprompt: 'Sorry, I need the five-digit ZIP code of the address with the problem, like 94105.',
    help: 'If there is an outage in your area, our engineers are already on it, so I check that first. I need the five-digit ZIP code of the address with the problem.',
  },
  routerLightGreen: {
    ask: 'Please look at the light on the front of your router. Is it green?',
    reprompt: 'Sorry, is the light on your router green? Please say yes or no.',
    help: 'The router is the box your internet cable plugs into. The light I mean is on its front, usually next to a globe or an @ sign.',
    no: /\b(not|isn't|red|orange|amber|yellow|off|blinking|flashing)\b/i,
    yes: /\bgreen\b/i,
  },
  workingAfterRestart: {
    ask: "Let's restart the router: unplug it, wait ten seconds and plug it back in. Give it two minutes until the light stops blinking. Is your internet working now?",
    reprompt: 'Sorry, is your internet working after the restart? Please say yes or no.',
    help: 'Try opening any website. If it loads, say yes; if not, say no and I will get a technician for you.',
    no: notWorking,
    yes: /\b(works|working|loads|fixed)\b/i,
  },
  workingOnDevice: {
    ask: "Your router looks fine, so let's check your device: turn its Wi-Fi off and on again, then open a website. Does it load now?",
    reprompt: 'Sorry, does the website load now? Please say yes or no.',
    help: 'On a phone, the Wi-Fi switch is in the settings; on a computer, click the Wi-Fi icon. Turn it off, wait a few seconds and turn it back on.',
    no: notWorking,
    yes: /\b(works|working|loads|loaded|fixed)\b/i,
  },
};
type Question = keyof typeof questions;
type Context = { slots: Record<string, string>; asking: Question; attempts: number };

// As with defineDialog's default, the third answer that fits no branch brings a person.
const maxAttempts = 3;

function zipCodeIn(entities: Recognition['entities']): string | undefined {
  const entity = entities.find((candidate) => candidate.type === 'ZipCode');
  return entity && String(entity.value);
}

function answerTo(question: Question, { text, locale, entities }: Recognition): string | undefined {
  if (question === 'zipCode') return zipCodeIn(entities);
  const { no, yes } = questions[question];
  return readYesNo(text, locale) ?? (no.test(text) ? 'no' : yes.test(text) ? 'yes' : undefined);
}

const answerIn = (context: Context, event: AnyEventObject) =>
  event.type === 'user.input' ? answerTo(context.asking, event.recognition) : undefined;
// startAsking is a named action because an assign() made outside setup() does not type-check inside it.
const ask = (question: Question) => [{ type: 'startAsking', params: { question } } as const, say(questions[question].ask)];
const sayAbout = (part: 'ask' | 'reprompt' | 'help') => say(({ context }: { context: Context }) => questions[context.asking][part]);

/** Walks the customer through the usual fixes and hands over to a technician when none works. */
export const troubleshootInternet = setup({
  // No `events: {} as DialogEvent`: parley's say() and handoff() do not type-check in a machine that declares it.
  types: {
    input: {} as DialogInput,
    context: {} as Context,
    output: {} as DialogOutput,
  },
  actors: {
    // The engine aborts `signal` when the check outlives the dialog's timeout.
    findOutage: fromPromise<Outage | null, { zipCode: string }>(({ input, signal }) => findOutage(input.zipCode, signal)),
  },
  guards: {
    knowsZipCode: ({ context }) => context.slots.zipCode !== undefined,
    answered: ({ context, event }) => answerIn(context, event) !== undefined,
    saidYes: ({ context, event }) => answerIn(context, event) === 'yes',
    saidNo: ({ context, event }) => answerIn(context, event) === 'no',
    outOfAttempts: ({ context }) => context.attempts + 1 >= maxAttempts,
  },
  actions: {
    // Answers go in context.slots, so the technician who takes over sees what was tried.
    record: assign({ slots: ({ context, event }) => ({ ...context.slots, [context.asking]: answerIn(context, event)! }) }),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    startAsking: assign((_, { question }: { question: Question }) => ({ asking: question, attempts: 0 })),
  },
}).createMachine({
  id: 'TroubleshootInternet',
  context: ({ input }): Context => {
    const zipCode = zipCodeIn(input.recognition.entities);
    return { slots: zipCode ? { zipCode } : {}, asking: 'zipCode', attempts: 0 };
  },
  initial: 'starting',
  // Events the current state leaves alone come here: an answer that fits no branch, help, and
  // coming back after another task.
  on: {
    'user.input': [
      { guard: 'outOfAttempts', target: '.handedOver' },
      { actions: ['countAttempt', sayAbout('reprompt')] },
    ],
    'dialog.help': { actions: [sayAbout('help'), sayAbout('ask')] },
    'dialog.resume': { actions: sayAbout('ask') },
  },
  states: {
    starting: {
      entry: say("Sorry you're having trouble with your internet. Let's get you back online."),
      always: [{ guard: 'knowsZipCode', target: 'checkingOutages' }, { target: 'askingZipCode' }],
    },
    askingZipCode: {
      tags: 'awaiting:zipCode',
      entry: ask('zipCode'),
      on: { 'user.input': { guard: 'answered', target: 'checkingOutages', actions: 'record' } },
    },
    checkingOutages: {
      invoke: {
        src: 'findOutage',
        input: ({ context }) => ({ zipCode: context.slots.zipCode! }),
        onDone: [
          {
            guard: ({ event }) => event.output !== null,
            target: 'outageFound',
            actions: say(({ event }) => `There's an outage in ${event.output.area}, and our engineers are fixing it. We expect your service back by ${event.output.restoredBy}. Sorry for the trouble!`),
          },
          {
            target: 'askingRouterLight',
            actions: say(({ context }) => `I don't see any outage around ${context.slots.zipCode}, so let's look at your equipment.`),
          },
        ],
        onError: { target: 'askingRouterLight', actions: say("I couldn't check for outages just now, so let's look at your equipment.") },
      },
    },
    askingRouterLight: {
      tags: 'awaiting:routerLightGreen',
      entry: ask('routerLightGreen'),
      on: {
        'user.input': [
          { guard: 'saidYes', target: 'askingAboutDevice', actions: 'record' },
          { guard: 'saidNo', target: 'restartingRouter', actions: 'record' },
        ],
      },
    },
    restartingRouter: {
      tags: 'awaiting:workingAfterRestart',
      entry: ask('workingAfterRestart'),
      on: {
        'user.input': [
          { guard: 'saidYes', target: 'solved', actions: 'record' },
          { guard: 'saidNo', target: 'handedOver', actions: 'record' },
        ],
      },
    },
    askingAboutDevice: {
      tags: 'awaiting:workingOnDevice',
      entry: ask('workingOnDevice'),
      on: {
        'user.input': [
          { guard: 'saidYes', target: 'solved', actions: 'record' },
          { guard: 'saidNo', target: 'handedOver', actions: 'record' },
        ],
      },
    },
    solved: {
      type: 'final',
      entry: say("Great, you're back online! If it drops again, just tell me your internet is down."),
      output: { outcome: 'completed' },
    },
    outageFound: { type: 'final', output: { outcome: 'completed' } },
    handedOver: {
      type: 'final',
      entry: [say("I'm sorry we couldn't fix it together. I'm connecting you with a technician, who will see what we've tried. Please hold on."), handoff('TechSupport')],
      output: { outcome: 'handoff' },
    },
  },
  output: ({ event }) => event.output as DialogOutput,
});
