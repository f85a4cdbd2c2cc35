/**
 * How a route's providers are asked: `single`, `fallback`, `race`, and the answering half of
 * `shadow` (the background half lives in the router). Each returns the answers gathered and the
 * winner; judging an answer sure or unsure is the same for all: calibrated confidence against the
 * route's threshold, and the gap to the runner-up against its margin.
 */
import type { Recognition, RecognizeRequest } from '../recognizer.js';
import { callProvider, type CallContext, type CallResult, type Provider } from './provider-call.js';
import { describeAttempt, type Attempt } from './route-trace.js';

export interface Judge {
  threshold: number;
  margin: number;
}

export interface Gathered {
  attempts: Attempt[];
  winner?: { provider: string; recognition: Recognition };
  reason: string;
}

/** Marks an answered attempt confident or unsure; failed attempts are left as they are. */
export function judge(result: CallResult, rules: Judge): CallResult {
  const { attempt, recognition } = result;
  if (!recognition) return result;
  const [first, second] = recognition.intents;
  const sure =
    recognition.topIntent !== null &&
    attempt.confidence !== undefined &&
    attempt.confidence >= rules.threshold &&
    (second === undefined || first === undefined || first.confidence - second.confidence >= rules.margin);
  return { attempt: { ...attempt, outcome: sure ? 'confident' : 'unsure' }, recognition };
}

/** In order, until one is sure; if none is, the most confident answer. */
export async function askInTurn(providers: Provider[], request: RecognizeRequest, context: CallContext, rules: Judge): Promise<Gathered> {
  const results: CallResult[] = [];
  for (const provider of providers) {
    const result = judge(await callProvider(provider, request, context), rules);
    results.push(result);
    if (result.attempt.outcome === 'confident') break;
  }
  return decide(results);
}

/** All at once; the first sure answer wins and the others are cancelled; else the best by the deadline. */
export async function askAtOnce(providers: Provider[], request: RecognizeRequest, context: CallContext, rules: Judge): Promise<Gathered> {
  const race = new AbortController();
  const cancel = () => race.abort();
  context.signal.addEventListener('abort', cancel, { once: true });
  try {
    const raced = { ...context, signal: race.signal };
    const results = await Promise.all(
      providers.map(async (provider) => {
        const result = judge(await callProvider(provider, request, raced), rules);
        if (result.attempt.outcome === 'confident') race.abort();
        return result;
      }),
    );
    return decide(results);
  } finally {
    context.signal.removeEventListener('abort', cancel);
  }
}

/** The sure answer if any (the first in the providers' order), else the most confident one. */
function decide(results: CallResult[]): Gathered {
  const attempts = results.map((result) => result.attempt);
  const reason = attempts.map(describeAttempt).join('; ');
  const sure = results.find((result) => result.attempt.outcome === 'confident');
  const answered = results.filter((result) => result.recognition !== undefined);
  const best = sure ?? answered.sort((a, b) => (b.attempt.confidence ?? -1) - (a.attempt.confidence ?? -1))[0];
  if (!best?.recognition) return { attempts, reason };
  const why = sure ? reason : `${reason}; none sure, the most confident is used`;
  return { attempts, winner: { provider: best.attempt.provider, recognition: best.recognition }, reason: why };
}
