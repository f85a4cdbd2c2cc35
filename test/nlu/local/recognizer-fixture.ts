import { fixedClock } from '../../../src/core/clock.js';
import type { Recognition, RecognizeRequest, Recognizer } from '../../../src/nlu/recognizer.js';
import { createLocalRecognizer } from '../../../src/nlu/local/index.js';
import { telecomModel } from './telecom-model.js';

/** Monday 4 March 2030, 09:00 in New York. */
export const clock = fixedClock('2030-03-04T09:00', 'America/New_York');

let shared: Recognizer | undefined;

/** One recognizer for the telecom model, trained once per test file. */
export function telecomRecognizer(): Recognizer {
  shared ??= createLocalRecognizer({ model: telecomModel() });
  return shared;
}

export function recognize(text: string, extra: Partial<RecognizeRequest> = {}, recognizer = telecomRecognizer()): Promise<Recognition> {
  return recognizer.recognize({ text, locale: 'en-US', now: clock.now(), timeZone: clock.timeZone, ...extra });
}
