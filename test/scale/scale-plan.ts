// What the scale test sends, drawn from one seed so that a failing run can be replayed: each
// conversation's script (a variant of a ten-turn walk through the scale bot's two tasks, with its own
// sizes, toppings, party and time), the process each turn goes to, and which turns are delivered
// twice, to which other process, and when.
import { createSeededRandom, shuffleInPlace } from '../../src/core/seeded-random.js';

/**
 * When a duplicate is sent: with the original (both at once, to two processes), after the original's
 * answer and before the next turn, or after the answer together with the next turn (a late retry
 * racing the customer's next message).
 */
export type DuplicateTiming = 'together' | 'after' | 'with-next';

export interface PlannedTurn {
  text: string;
  clientMessageId: string;
  /** Index of the process the turn is sent to. */
  process: number;
  duplicate?: { timing: DuplicateTiming; process: number };
}

export interface PlannedConversation {
  index: number;
  variant: string;
  turns: PlannedTurn[];
}

export interface ScalePlan {
  seed: number;
  processes: number;
  conversations: PlannedConversation[];
  duplicates: number;
}

export interface ScalePlanOptions {
  seed: number;
  conversations: number;
  turns: number;
  processes: number;
  /** Share of all turns delivered twice (0.1: one in ten). */
  duplicateShare: number;
}

type Random = () => number;

const sizes = ['small', 'medium', 'large'];
const toppings = ['pepperoni', 'mushroom', 'olives', 'peppers', 'onions'];
const times = ['at 6pm', 'at 6:30pm', 'at 7pm', 'at 7:30pm', 'at 8pm', 'at 8:30pm', 'at 9pm'];
const greetings = ['hi', 'hello', 'good evening'];
const goodbyes = ['bye', 'thanks, bye', 'goodbye'];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const partySize = (random: Random) => String(1 + Math.floor(random() * 10));

/** "olives", "olives and onions", "pepperoni, olives and onions". */
function someToppings(random: Random): string {
  const chosen = shuffleInPlace([...toppings], random).slice(0, 1 + Math.floor(random() * 3));
  return chosen.length === 1 ? chosen[0]! : `${chosen.slice(0, -1).join(', ')} and ${chosen[chosen.length - 1]}`;
}

/** Ten-turn walks: each orders a pizza and books a table, so both tasks' slots carry across turns. */
const variants: Record<string, (random: Random) => string[]> = {
  'order then book': (random) => [pick(random, greetings), "I'd like to order a pizza", pick(random, sizes), someToppings(random), 'yes', 'book a table', partySize(random), pick(random, times), 'yes', pick(random, goodbyes)],
  'change both': (random) => [`a ${pick(random, sizes)} pizza with ${someToppings(random)}`, 'no', 'the size', pick(random, sizes), 'yes', `book a table for ${partySize(random)} ${pick(random, times)}`, 'no', 'the time', pick(random, times), 'yes'],
  'too many guests': (random) => ['book a table', String(13 + Math.floor(random() * 20)), partySize(random), pick(random, times), 'yes', 'pizza please', pick(random, sizes), someToppings(random), 'yes', pick(random, goodbyes)],
  'booking interrupts the order': (random) => ['I want to order a pizza', pick(random, sizes), 'book a table', partySize(random), pick(random, times), 'yes', someToppings(random), 'yes', pick(random, greetings), pick(random, goodbyes)],
};

const timings: DuplicateTiming[] = ['together', 'after', 'with-next'];

/**
 * @example
 * const plan = planScaleRun({ seed: 123, conversations: 500, turns: 10, processes: 4, duplicateShare: 0.1 });
 */
export function planScaleRun(options: ScalePlanOptions): ScalePlan {
  const random = createSeededRandom(options.seed);
  const names = Object.keys(variants);
  const otherProcess = (process: number) => (process + 1 + Math.floor(random() * (options.processes - 1))) % options.processes;
  const conversations: PlannedConversation[] = Array.from({ length: options.conversations }, (_, index) => {
    const variant = pick(random, names);
    const texts = variants[variant]!(random);
    if (texts.length !== options.turns) throw new Error(`scale plan: the variant "${variant}" has ${texts.length} turns, not ${options.turns}`);
    const turns = texts.map((text, turn) => ({ text, clientMessageId: `c${index}-t${turn + 1}`, process: Math.floor(random() * options.processes) }));
    return { index, variant, turns };
  });
  const all = conversations.flatMap((conversation) => conversation.turns);
  const duplicates = Math.round(all.length * options.duplicateShare);
  for (const turn of shuffleInPlace([...all], random).slice(0, duplicates)) {
    turn.duplicate = { timing: pick(random, timings), process: otherProcess(turn.process) };
  }
  return { seed: options.seed, processes: options.processes, conversations, duplicates };
}
