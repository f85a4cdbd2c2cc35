// The scale test's bot: a pizza order and a table booking, each with slots and a confirmation. Its
// dialog code has side effects the test can count: every validator and fulfilment run writes one
// line, `<conversationId> turn-<n> <what>`, so a run doubled by two processes shows as the same line
// twice. Served by `parley serve`, the lines go to the file PARLEY_SCALE_EFFECTS names (appended with
// O_APPEND, one write per line, so the processes' lines never mix); in the test's serial run, to a
// function.
import { appendFileSync } from 'node:fs';
import { defineBot, defineDialog, type BotDefinition } from 'parley-sdk';

type PizzaOrder = { size: string; toppings: string[] };
type TableBooking = { people: number; time: string };

/** The variable naming the file a served bot appends its side effects to. */
export const effectsVariable = 'PARLEY_SCALE_EFFECTS';
const mostGuests = 12;

/** The bot, telling `record` of every run of its dialog code. */
export function defineScaleBot(record: (line: string) => void): BotDefinition {
  return defineBot({
    name: 'Scale Bistro',
    intents: new URL('./intents/', import.meta.url),
    timeZone: 'America/New_York',
    dialogs: [
      defineDialog({
        intent: 'Greeting',
        fulfil: (_slots, { conversationId, turn }) => {
          record(`${conversationId} turn-${turn} greeting`);
          return 'Hello! I can take a pizza order or book you a table.';
        },
      }),
      defineDialog<PizzaOrder>({
        intent: 'OrderPizza',
        title: 'order a pizza',
        fulfil: ({ size, toppings }, { conversationId, turn }) => {
          record(`${conversationId} turn-${turn} order ${size} ${toppings.join('+')}`);
        },
      }),
      defineDialog<TableBooking>({
        intent: 'BookTable',
        title: 'book a table',
        slots: {
          people: {
            validate: (people, { conversationId, turn }) => {
              record(`${conversationId} turn-${turn} validate people=${people}`);
              return Number(people) > mostGuests ? `We seat at most ${mostGuests} at one table.` : undefined;
            },
          },
        },
        fulfil: ({ people, time }, { conversationId, turn }) => {
          record(`${conversationId} turn-${turn} booking ${people}@${time}`);
        },
      }),
      defineDialog({
        intent: 'Goodbye',
        fulfil: (_slots, { conversationId, turn }) => {
          record(`${conversationId} turn-${turn} goodbye`);
          return { say: 'Thanks for visiting Scale Bistro. Goodbye!', end: true };
        },
      }),
    ],
  });
}

/** What `parley serve` runs: the lines go to the file the environment names. */
function appendToEffectsFile(line: string): void {
  const file = process.env[effectsVariable];
  if (!file) throw new Error(`set ${effectsVariable} to the file the bot's side effects are appended to`);
  appendFileSync(file, `${line}\n`, { flag: 'a' });
}

export default defineScaleBot(appendToEffectsFile);
