// Dialog code is the bot author's: whatever it throws, rejects with, returns or never finishes, the
// customer gets an apology and the offer of a person, the operator a report with the dialog and the
// stage, the turn counts as failed, and the conversation goes on. Each task runs once per turn.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { createBot, defineBot, defineDialog, DialogFailedError, fixedClock, type FulfilResult, type TurnInput, type ValidationResult } from 'parley-sdk';
import type { TurnEvent } from '../../src/runtime/create-bot.js';
import { model } from '../fixtures-small-bot.js';

const clock = fixedClock('2030-03-04', 'UTC');
let sequence = 0;

type Fulfil = () => FulfilResult | Promise<FulfilResult>;
type Validate = () => ValidationResult | Promise<ValidationResult>;

/** A pizza bot whose fulfilment (and date validation) the test chooses, with everything it reports. */
async function pizzaBot(options: { fulfil?: Fulfil; validate?: Validate; helloFulfil?: Fulfil; timeoutMs?: number }) {
  const reports: Array<{ error: Error; stage: string; dialog?: string }> = [];
  const turns: TurnEvent[] = [];
  const bot = await createBot(
    defineBot({
      name: 'Pizza',
      intents: model,
      timeZone: 'UTC',
      dialogs: [
        defineDialog({
          intent: 'OrderPizza',
          confirm: false,
          timeoutMs: options.timeoutMs,
          slots: options.validate ? { date: { validate: options.validate } } : {},
          fulfil: options.fulfil ?? (() => 'Ordered.'),
        }),
        defineDialog({ intent: 'Hello', fulfil: options.helloFulfil ?? (() => 'Hello!'), timeoutMs: options.timeoutMs }),
      ],
    }),
    {
      clock,
      onError: (error, context) => reports.push({ error, stage: context.stage, dialog: context.dialog }),
      observer: { turn: (event) => turns.push(event) },
    },
  );
  const conversationId = `failures-${++sequence}`;
  const say = (text: string) => bot.handle({ conversationId, channel: 'test', content: { kind: 'text', text } } satisfies TurnInput);
  return { bot, say, reports, turns, conversationId };
}

const apology = /something went wrong on my side/;
const offer = /connect you with a person/;

/** What dialog code can do wrong, each as a fresh function (so counts start at zero). */
const failures: Record<string, () => () => Promise<FulfilResult> | FulfilResult> = {
  throws: () => () => {
    throw new Error('the booking API is down');
  },
  rejects: () => async () => {
    throw new Error('the booking API is down');
  },
  'rejects with a string': () => () => Promise.reject('nope'),
  'rejects with undefined': () => () => Promise.reject(undefined),
  'returns the wrong shape': () => () => ({ say: 42, handoff: {}, end: 'yes' }) as unknown as FulfilResult,
  'returns a number': () => () => 7 as unknown as FulfilResult,
  'resolves to the wrong shape': () => async () => ({ sayy: 'typo' }) as unknown as FulfilResult,
  'never settles': () => () => new Promise<FulfilResult>(() => undefined),
};

describe('a failing fulfil', () => {
  for (const [name, make] of Object.entries(failures)) {
    it(`that ${name}: the customer gets an apology and the offer of a person, the operator a report, once`, async () => {
      let runs = 0;
      const fail = make();
      const { say, reports, turns } = await pizzaBot({
        timeoutMs: 50,
        fulfil: () => {
          runs += 1;
          return fail();
        },
      });
      // Every slot in the first message: the dialog starts and fulfils in the same turn.
      const reply = await say('can I get a large pizza for tomorrow');
      expect(runs).toBe(1);
      expect(reply.messages.map((message) => message.text)).toEqual([expect.stringMatching(apology), expect.stringMatching(offer)]);
      expect(reply.view).toMatchObject({ dialog: 'OrderPizza', awaiting: 'handoffOffer' });
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ stage: 'fulfil', dialog: 'OrderPizza' });
      expect(reports[0]!.error).toBeInstanceOf(DialogFailedError);
      expect(turns.at(-1)!.outcome).toBe('failed');
      // The conversation goes on: declining the person offers the task again, and it runs again.
      const again = await say('no');
      expect(runs).toBe(2);
      expect(again.messages.some((message) => apology.test(message.text))).toBe(true);
      // Accepting hands over.
      const handedOver = await say('yes');
      expect(handedOver.directives).toEqual([expect.objectContaining({ kind: 'handoff' })]);
    });
  }

  it('in a dialog with no slots, started by the first message, is reported and runs once', async () => {
    let runs = 0;
    const { say, reports } = await pizzaBot({ helloFulfil: () => (runs++, Promise.reject(new TypeError('greeting service'))) });
    const reply = await say('hello');
    expect(runs).toBe(1);
    expect(reply.messages[0]!.text).toMatch(apology);
    expect(reports).toMatchObject([{ stage: 'fulfil', dialog: 'Hello' }]);
    expect(reports[0]!.error.message).toMatch(/dialog Hello: fulfil failed: TypeError: greeting service/);
  });

  it('names the shape that was wrong, without the values', async () => {
    const { say, reports } = await pizzaBot({ fulfil: () => ({ say: 'secret-4111', handoff: {}, end: 'yes' }) as unknown as FulfilResult });
    await say('can I get a large pizza for tomorrow');
    expect(reports[0]!.error.message).toMatch(/fulfil returned `handoff` as an object/);
    expect(reports[0]!.error.message).not.toContain('secret-4111');
  });

  it('accepts every shape a fulfilment may return', async () => {
    const shapes: FulfilResult[] = [undefined, 'Done.', ['One.', 'Two.'], { text: 'A message.' }, { say: ['a', { text: 'b' }] }, { say: 'Bye.', end: true }, { handoff: 'Billing' }, { handoff: { queue: 'Billing' }, end: false }];
    for (const shape of shapes) {
      const { say, reports } = await pizzaBot({ fulfil: () => shape });
      const reply = await say('can I get a large pizza for tomorrow');
      expect(reports, JSON.stringify(shape)).toEqual([]);
      expect(reply.view.dialog, JSON.stringify(shape)).toBeNull();
    }
  });
});

describe('a failing validate', () => {
  const validations: Record<string, () => Validate> = {
    throws: () => () => {
      throw new Error('calendar down');
    },
    rejects: () => () => Promise.reject(new Error('calendar down')),
    'rejects with an object': () => () => Promise.reject({ code: 42 }),
    'returns the wrong shape': () => () => ({ valid: false }) as unknown as ValidationResult,
    'returns a number': () => () => 3 as unknown as ValidationResult,
    'never settles': () => () => new Promise<ValidationResult>(() => undefined),
  };
  for (const [name, make] of Object.entries(validations)) {
    it(`that ${name}, on the first message and on an answer, is reported once per turn and leaves the conversation usable`, async () => {
      let runs = 0;
      const fail = make();
      const { say, reports, turns } = await pizzaBot({ timeoutMs: 50, validate: () => (runs++, fail()) });
      const first = await say('can I get a large pizza for tomorrow');
      expect(runs).toBe(1);
      expect(first.messages.map((message) => message.text)).toEqual([expect.stringMatching(apology), expect.stringMatching(offer)]);
      expect(reports).toMatchObject([{ stage: 'validate', dialog: 'OrderPizza' }]);
      expect(turns.at(-1)!.outcome).toBe('failed');
      // "no" to the person: the dialog asks again (the failed answer was not kept), and the next answer is validated once more.
      const asked = await say('no');
      expect(asked.view).toMatchObject({ dialog: 'OrderPizza', awaiting: 'size' });
      await say('a large one for friday');
      expect(runs).toBe(2);
      expect(reports).toHaveLength(2);
    });
  }
});

describe('a raw machine that fails', () => {
  it('throwing from an action: an apology, a report, the machine closed, the bot still answers', async () => {
    const broken = setup({}).createMachine({
      id: 'Hello',
      initial: 'start',
      states: {
        start: {
          entry: () => {
            throw new Error('raw machine bug');
          },
        },
      },
    });
    const reports: Array<{ stage: string; dialog?: string }> = [];
    const bot = await createBot(defineBot({ name: 'Raw', intents: model, dialogs: [broken] }), { clock, onError: (_error, context) => reports.push(context) });
    const say = (text: string) => bot.handle({ conversationId: 'raw-1', channel: 'test', content: { kind: 'text', text } });
    const reply = await say('hello');
    expect(reply.messages[0]!.text).toMatch(apology);
    expect(reply.view.dialog).toBeNull();
    expect(reports).toMatchObject([{ stage: 'dialog', dialog: 'Hello' }]);
    expect((await say('hello')).messages[0]!.text).toMatch(apology);
  });
});
