// Runs the botbuilder side of the engine benchmark on its own: npx tsx bench/peers/run-botbuilder.ts
import { runBotbuilderBookAppointment } from './botbuilder-book-appointment.js';

const result = await runBotbuilderBookAppointment({ conversations: 10_000 });
console.table([
  {
    peer: result.name,
    conversations: result.conversations,
    turns: result.turns,
    'total ms': result.totalMs.toFixed(0),
    'turns/s': result.turnsPerSecond.toFixed(0),
    'p50 ms': result.p50Ms.toFixed(2),
    'p99 ms': result.p99Ms.toFixed(2),
    'state bytes/conversation': result.stateBytesPerConversation.toFixed(0),
  },
]);
