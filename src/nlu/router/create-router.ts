/**
 * The router: a Recognizer that sends each turn to the right recognizers by policy, with timeouts,
 * retries, circuit breakers, calibrated scores and a last resort, and says why in a trace.
 */
import type { Recognition, RecognizeOptions, RecognizeRequest, Recognizer } from '../recognizer.js';
import { emptyRecognition } from '../recognizer.js';
import { ConfigurationError } from '../../core/errors.js';
import { calibrate, identity } from './calibration.js';
import { createCircuitBreaker, defaultBreaker } from './circuit-breaker.js';
import { chooseRoute, parsePolicy, type PolicyInput } from './policy.js';
import { callProvider, type Provider, type ProviderSettings } from './provider-call.js';
import { describeAttempt, type Attempt, type RouteTrace, type ShadowComparison } from './route-trace.js';
import { askAtOnce, askInTurn, judge, type Gathered, type Judge } from './strategies.js';

export interface RouterOptions {
  /** The recognizers by the names the policy uses. */
  providers: Record<string, Recognizer>;
  policy: PolicyInput;
  /** Per-provider timeout, retries, backoff, breaker and calibration; unset keys take the defaults. */
  settings?: Record<string, Partial<ProviderSettings>>;
  /** Called when a shadow provider's answer is in (after the reply has gone). */
  onShadow?: (comparison: ShadowComparison) => void;
  /** Defaults to Math.random: the jitter of retries. */
  random?: () => number;
}

export const defaultProviderSettings: ProviderSettings = { timeoutMs: 1000, retries: 1, backoffMs: 50, breaker: defaultBreaker, calibration: identity };
const defaultJudge: Judge = { threshold: 0.5, margin: 0 };

/** A Recognition that also says how it was routed. */
export interface RoutedRecognition extends Recognition {
  route: RouteTrace;
}

export interface Router extends Recognizer {
  recognize(request: RecognizeRequest, options?: RecognizeOptions): Promise<RoutedRecognition>;
  /** The circuit of each provider: closed, open or half-open. */
  circuits(): Record<string, string>;
}

/**
 * @example
 * const router = createRouter({
 *   providers: { lex: createLexV2Recognizer({...}), clu: createCluRecognizer({...}), local: createLocalRecognizer({ model }) },
 *   policy: { default: { strategy: 'fallback', providers: ['lex', 'clu', 'local'], threshold: 0.7 }, lastResort: 'local' },
 *   settings: { lex: { timeoutMs: 300, retries: 1 } },
 * });
 * const bot = await createBot(definition, { recognizer: router });
 */
export function createRouter(options: RouterOptions): Router {
  const names = Object.keys(options.providers);
  const policy = parsePolicy(options.policy, names);
  const random = options.random ?? Math.random;
  const providers = new Map<string, Provider>(
    names.map((name) => {
      const settings = { ...defaultProviderSettings, ...options.settings?.[name] };
      return [name, { name, recognizer: options.providers[name]!, settings, breaker: createCircuitBreaker(settings.breaker) }];
    }),
  );
  for (const name of Object.keys(options.settings ?? {})) {
    if (!providers.has(name)) throw new ConfigurationError(`nlu.settings.${name}`, `no provider is named ${name}; known: ${names.join(', ')}`);
  }
  const get = (name: string) => providers.get(name)!;

  return {
    name: 'router',
    async recognize(request, recognizeOptions = {}) {
      const started = performance.now();
      const route = chooseRoute(policy, {
        locale: request.locale,
        channel: request.channel,
        dialog: request.expecting?.intent,
        slot: request.expecting?.slot,
        conversationId: request.conversationId,
      });
      const rules: Judge = { threshold: route.threshold ?? defaultJudge.threshold, margin: route.margin ?? defaultJudge.margin };
      const turn = new AbortController();
      // The chosen providers stop early enough for the last resort to answer inside the deadline.
      const budget = policy.lastResort ? policy.deadlineMs - policy.reserveMs : policy.deadlineMs;
      const deadline = started + budget;
      const timer = setTimeout(() => turn.abort(), budget);
      const outer = recognizeOptions.signal;
      const onOuterAbort = () => turn.abort();
      outer?.addEventListener('abort', onOuterAbort, { once: true });
      try {
        const context = { signal: turn.signal, deadline, random };
        // single and shadow answer with the first provider alone (shadow's others are asked below).
        const asked = (route.strategy === 'fallback' || route.strategy === 'race' ? route.providers : route.providers.slice(0, 1)).map(get);
        let gathered: Gathered = route.strategy === 'race' ? await askAtOnce(asked, request, context, rules) : await askInTurn(asked, request, context, rules);
        if (!gathered.winner && policy.lastResort && mayStillAnswer(gathered, policy.lastResort)) {
          // Even when late timers have eaten the reserve, an answer a moment late beats none at all.
          const lastResortProvider = get(policy.lastResort);
          const until = Math.max(started + policy.deadlineMs, performance.now() + Math.min(policy.reserveMs, lastResortProvider.settings.timeoutMs));
          gathered = await lastResort(gathered, lastResortProvider, request, until, random, rules);
        }
        if (route.strategy === 'shadow') askShadows(route.providers.slice(1).map(get), request, gathered, options.onShadow, random, rules);
        const trace: RouteTrace = {
          rule: route.rule,
          ...(route.variant ? { variant: route.variant } : {}),
          strategy: route.strategy,
          threshold: rules.threshold,
          attempts: gathered.attempts,
          winner: gathered.winner?.provider ?? null,
          reason: gathered.reason,
          ...(route.strategy === 'shadow' ? { shadows: route.providers.slice(1) } : {}),
        };
        return finish(gathered, trace, request, performance.now() - started);
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
      }
    },
    circuits() {
      return Object.fromEntries([...providers].map(([name, provider]) => [name, provider.breaker.state]));
    },
  };

  /** The clouds are down or late: the last resort answers, with a budget of its own. */
  async function lastResort(gathered: Gathered, provider: Provider, request: RecognizeRequest, deadline: number, random: () => number, rules: Judge): Promise<Gathered> {
    const own = new AbortController();
    const result = judge(await callProvider(provider, request, { signal: own.signal, deadline, random }), rules);
    const attempt: Attempt = { ...result.attempt, lastResort: true };
    const attempts = [...gathered.attempts, attempt];
    const reason = `${gathered.reason}; ${describeAttempt(attempt)}`;
    return result.recognition ? { attempts, winner: { provider: provider.name, recognition: result.recognition }, reason } : { attempts, reason };
  }

  function finish(gathered: Gathered, route: RouteTrace, request: RecognizeRequest, latencyMs: number): RoutedRecognition {
    const winner = gathered.winner;
    if (!winner) return { ...emptyRecognition(request.text, request.locale, 'router'), latencyMs, route };
    const calibration = get(winner.provider).settings.calibration;
    const intents = winner.recognition.intents.map((intent) => ({ ...intent, confidence: calibrate(calibration, intent.confidence) }));
    return { ...winner.recognition, intents, latencyMs, route };
  }
}

/** The last resort is asked unless it already was and failed on its own account (an error, not the clock). */
function mayStillAnswer(gathered: Gathered, name: string): boolean {
  const own = gathered.attempts.find((attempt) => attempt.provider === name);
  return own === undefined || own.outcome === 'deadline' || own.outcome === 'cancelled' || own.outcome === 'circuit-open' || own.outcome === 'timeout';
}

/** Shadows answer in the background; the reply never waits for them or changes because of them. */
function askShadows(shadows: Provider[], request: RecognizeRequest, gathered: Gathered, onShadow: RouterOptions['onShadow'], random: () => number, rules: Judge): void {
  const primary = gathered.winner;
  for (const provider of shadows) {
    const own = new AbortController();
    void callProvider(provider, request, { signal: own.signal, deadline: performance.now() + provider.settings.timeoutMs, random })
      .then((result) => {
        const { attempt } = judge(result, rules);
        const shadowIntent = result.recognition?.topIntent ?? null;
        const primaryIntent = primary?.recognition.topIntent ?? null;
        onShadow?.({
          ...(request.conversationId ? { conversationId: request.conversationId } : {}),
          primary: primary?.provider ?? 'none',
          shadow: provider.name,
          primaryIntent,
          shadowIntent,
          agree: result.recognition !== undefined && shadowIntent === primaryIntent,
          shadowOutcome: attempt.outcome,
          shadowLatencyMs: attempt.latencyMs,
        });
      })
      .catch(() => undefined);
  }
}
