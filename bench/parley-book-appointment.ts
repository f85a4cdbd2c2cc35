// Parley's side of the engine benchmark: the reference assistant's BookAppointment flow on the
// dialogue engine alone (recognition given), many conversations in flight, state as JSON between turns.
import { readFileSync } from 'node:fs';
import { createEngine, defineDialog, fixedClock, loadIntents, weekdayOf, type ConversationState, type Recognition } from 'parley-sdk';
import { driveConversations, type PeerRunResult } from './drive-conversations.js';

const today = '2030-03-04';

/** The same validators and the same trivial booking as the botbuilder side. */
function bookAppointmentDialog(bookings: Map<string, string>) {
  return defineDialog<{ service: string; date: string; time: string }>({
    intent: 'BookAppointment',
    slots: {
      date: { validate: (date) => (String(date) < today ? 'That day has passed.' : weekdayOf(String(date)) === 0 ? 'No visits on Sundays.' : undefined) },
      time: { validate: (time) => (String(time) < '08:00' || String(time) > '18:00' ? 'Visits start between 8am and 6pm.' : undefined) },
    },
    fulfil: (_slots, { conversationId }) => {
      const code = `BK-${String(bookings.size + 1).padStart(6, '0')}`;
      bookings.set(conversationId, code);
      return `Booked! Your confirmation code is ${code}.`;
    },
  });
}

function recognition(text: string, topIntent: string | null, entity?: { type: string; slot: string; value: string }): Recognition {
  return {
    text,
    locale: 'en-US',
    intents: topIntent ? [{ name: topIntent, confidence: 0.97 }] : [],
    topIntent,
    entities: entity ? [{ ...entity, text, start: 0, end: text.length }] : [],
    provider: 'given',
    latencyMs: 0,
  };
}

/** What the customer says on each turn, already understood. */
const script: Recognition[] = [
  recognition('book an appointment', 'BookAppointment'),
  recognition('repair', null, { type: 'ServiceType', slot: 'service', value: 'repair' }),
  recognition('2030-03-08', null, { type: 'date', slot: 'date', value: '2030-03-08' }),
  recognition('15:00', null, { type: 'time', slot: 'time', value: '15:00' }),
  recognition('yes', null),
];

export async function runParleyBookAppointment(options: { conversations: number; inFlight?: number }): Promise<PeerRunResult> {
  const bookings = new Map<string, string>();
  const model = await loadIntents(new URL('../intents/', import.meta.url));
  const engine = createEngine({ dialogs: [bookAppointmentDialog(bookings)], model, defaultLocale: 'en-US' });
  const clock = fixedClock(today, 'UTC');
  const store = new Map<string, string>();
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return driveConversations(
    {
      name: `parley ${version}`,
      turns: script.length,
      async runTurn(id, turn) {
        const stored = store.get(id);
        const state = stored === undefined ? undefined : (JSON.parse(stored) as ConversationState);
        const output = await engine.step(state, script[turn]!, { conversationId: id, locale: 'en-US', clock });
        store.set(id, JSON.stringify(output.state));
        if (output.messages.length === 0) throw new Error(`turn ${turn + 1} of ${id} got no reply`);
      },
      stateBytes: (id) => Buffer.byteLength(store.get(id)!),
      finish(ids) {
        for (const id of ids) {
          const view = engine.view(JSON.parse(store.get(id)!) as ConversationState);
          if (!bookings.has(id) || view.dialog !== null || view.slots.time !== '15:00') throw new Error(`${id} did not end booked`);
        }
      },
    },
    options,
  );
}
