/**
 * The decision trace every routed turn carries: who was asked, how each answered and how long it
 * took, and why the winner won. Shown by `parley chat --debug`, counted in metrics. It holds intent
 * names and numbers only, never what the customer said.
 */
import type { Strategy } from './policy.js';

export type AttemptOutcome =
  /** Answered with a calibrated confidence at or over the threshold (and a wide enough margin). */
  | 'confident'
  /** Answered, but under the threshold or margin, or with no intent. */
  | 'unsure'
  /** Failed with an error that retrying would not mend, or ran out of retries. */
  | 'error'
  /** Did not answer within its timeout (the last try). */
  | 'timeout'
  /** Skipped: its circuit is open after repeated failures. */
  | 'circuit-open'
  /** Stopped because another provider already won (race) or the turn's deadline passed. */
  | 'cancelled'
  /** Not asked, or cut off: the turn's deadline passed. */
  | 'deadline';

export interface Attempt {
  provider: string;
  outcome: AttemptOutcome;
  latencyMs: number;
  /** Calls made, retries included (0 when skipped). */
  tries: number;
  topIntent?: string | null;
  /** Calibrated: comparable across providers. */
  confidence?: number;
  /** As the provider gave it. */
  rawConfidence?: number;
  /** The error's name and code, never its message (which may quote the customer). */
  error?: string;
  /** The last-resort call, made because the chosen providers failed. */
  lastResort?: boolean;
}

export interface RouteTrace {
  /** The rule that chose the route: its name, `rules[i]`, or `default`. */
  rule: string;
  /** The A/B variant, when the rule splits conversations. */
  variant?: string;
  strategy: Strategy;
  threshold: number;
  attempts: Attempt[];
  /** The provider whose answer is used; null when none answered. */
  winner: string | null;
  /** Why, in a sentence: "lex unsure (0.41 < 0.70); clu confident (0.82)". */
  reason: string;
  /** Shadow providers asked in the background; their answers arrive later, through `onShadow`. */
  shadows?: string[];
}

/** A shadow provider's answer compared with the one used. */
export interface ShadowComparison {
  conversationId?: string;
  primary: string;
  shadow: string;
  primaryIntent: string | null;
  shadowIntent: string | null;
  agree: boolean;
  shadowOutcome: AttemptOutcome;
  shadowLatencyMs: number;
}

/** "lex confident (0.82)", "clu timeout after 300 ms", "local circuit open". */
export function describeAttempt(attempt: Attempt): string {
  const name = attempt.lastResort ? `${attempt.provider} (last resort)` : attempt.provider;
  switch (attempt.outcome) {
    case 'confident':
    case 'unsure':
      return `${name} ${attempt.outcome} (${attempt.topIntent ?? 'no intent'} ${(attempt.confidence ?? 0).toFixed(2)})`;
    case 'timeout':
      return `${name} timed out after ${Math.round(attempt.latencyMs)} ms`;
    case 'error':
      return `${name} failed (${attempt.error ?? 'error'}${attempt.tries > 1 ? `, ${attempt.tries} tries` : ''})`;
    case 'circuit-open':
      return `${name} skipped (circuit open)`;
    case 'cancelled':
      return `${name} cancelled`;
    case 'deadline':
      return attempt.tries === 0 ? `${name} not asked (deadline passed)` : `${name} stopped at the deadline`;
  }
}
