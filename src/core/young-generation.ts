import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation, where new objects start, at its first size (1 MB a half) for the rest
 * of the process. Training a recognizer on a whole data set builds tens of megabytes that live until
 * the process ends; at the rate it builds them V8 grows the young generation to its maximum (16 MB a
 * half, with the pages around them about 32 MB more of resident memory), and never gives it back. Kept
 * small, young objects move to the old generation sooner: CLINC150's evaluation peaks about 30 MB lower
 * and trains about 5% slower (docs/nlu-eval.md). For batch commands only: a server's many short-lived
 * objects per request are what the young generation is for.
 *
 * The flag is read each time V8 would grow the young generation, so it takes effect after start-up too.
 *
 * @example
 * keepYoungGenerationSmall(); // before loading and training
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
