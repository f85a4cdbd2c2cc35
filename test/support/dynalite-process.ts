// dynalite in a process of its own, for a test that loads it hard (test/scale): the test's process
// stays free to drive the load, and the server gets a core of its own when one is free. Prints
// `dynalite: <endpoint>`; stops on SIGTERM, or when its parent goes (its standard input closes).
import { startDynalite } from './dynalite.js';

const server = await startDynalite();
console.log(`dynalite: ${server.endpoint}`);
// In memory: nothing to flush, so stopping is exiting.
const stop = () => process.exit(0);
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop).resume();
