/** Prometheus metrics of a running bot: turns, latency, recognizer calls, handoffs, errors. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from './prom-client-parts.js';
import type { ShadowComparison } from '../nlu/router/route-trace.js';
import type { DynamoDbRequest } from '../state/dynamodb-store.js';
import type { BotObserver } from './create-bot.js';

export interface RuntimeMetrics {
  readonly registry: Registry;
  /** Feeds the bot's observations into the metrics. */
  readonly observer: BotObserver;
  countError(stage: string): void;
  /** A shadow provider's answer compared with the one used (the router's `onShadow`). */
  countShadow(comparison: ShadowComparison): void;
  /** A request to the DynamoDB store, and the capacity units it consumed (the store's `onRequest`). */
  countStoreRequest(request: DynamoDbRequest): void;
  /** The exposition text for `GET /metrics`. */
  render(): Promise<string>;
}

/** A registry of its own, so several servers (or tests) in one process never share counters. */
export function createRuntimeMetrics(options: { processMetrics?: boolean } = {}): RuntimeMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  const turns = new Counter({ name: 'parley_turns_total', help: 'Customer turns, by channel and outcome.', labelNames: ['channel', 'outcome'], registers: [registry] });
  const turnSeconds = new Histogram({
    name: 'parley_turn_duration_seconds',
    help: 'Time to answer a turn, from input to reply.',
    labelNames: ['channel'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const recognitions = new Counter({ name: 'parley_recognizer_calls_total', help: 'Recognizer calls, by provider and outcome.', labelNames: ['provider', 'outcome'], registers: [registry] });
  const recognitionSeconds = new Histogram({
    name: 'parley_recognizer_duration_seconds',
    help: 'Recognizer call time, by provider.',
    labelNames: ['provider'],
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers: [registry],
  });
  const routes = new Counter({
    name: 'parley_router_decisions_total',
    help: 'Turns the router answered, by rule, strategy and winning provider (none when nobody answered).',
    labelNames: ['rule', 'strategy', 'winner', 'last_resort'],
    registers: [registry],
  });
  const shadows = new Counter({
    name: 'parley_router_shadow_total',
    help: 'Shadow comparisons: a provider asked in the background, and whether its intent agreed with the one used.',
    labelNames: ['primary', 'shadow', 'agree'],
    registers: [registry],
  });
  const handoffs = new Counter({ name: 'parley_handoffs_total', help: 'Conversations handed to a person, by queue and reason.', labelNames: ['queue', 'reason'], registers: [registry] });
  const storeRequests = new Counter({ name: 'parley_store_requests_total', help: 'Requests to the DynamoDB store, by operation (GetItem, PutItem, DeleteItem).', labelNames: ['operation'], registers: [registry] });
  const capacityUnits = new Counter({
    name: 'parley_store_capacity_units_total',
    help: 'DynamoDB capacity units the store consumed, as DynamoDB reported them: read or write.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const conflicts = new Counter({
    name: 'parley_store_conflicts_total',
    help: 'Turns run again because another process wrote the conversation first (a compare-and-set conflict on a shared store).',
    registers: [registry],
  });
  const claimWaits = new Counter({ name: 'parley_claim_waits_total', help: "Turns that waited for another process's claim on their conversation (a shared store).", registers: [registry] });
  const errors = new Counter({ name: 'parley_errors_total', help: 'Failures, by stage.', labelNames: ['stage'], registers: [registry] });

  return {
    registry,
    observer: {
      turn(event) {
        turns.inc({ channel: event.channel, outcome: event.outcome });
        turnSeconds.observe({ channel: event.channel }, event.ms / 1000);
        for (const directive of event.directives) {
          if (directive.kind === 'handoff') handoffs.inc({ queue: directive.queue, reason: directive.reason });
        }
      },
      recognized(event) {
        recognitions.inc({ provider: event.provider, outcome: event.outcome });
        recognitionSeconds.observe({ provider: event.provider }, event.ms / 1000);
      },
      routed(route) {
        const lastResort = route.attempts.some((attempt) => attempt.lastResort && attempt.provider === route.winner);
        routes.inc({ rule: route.rule, strategy: route.strategy, winner: route.winner ?? 'none', last_resort: String(lastResort) });
      },
      contended: (event) => (event.kind === 'conflict' ? conflicts : claimWaits).inc(),
    },
    countError: (stage) => errors.inc({ stage }),
    countStoreRequest(request) {
      storeRequests.inc({ operation: request.operation });
      if (request.capacityUnits !== undefined) capacityUnits.inc({ kind: request.kind }, request.capacityUnits);
    },
    countShadow: (comparison) => shadows.inc({ primary: comparison.primary, shadow: comparison.shadow, agree: String(comparison.agree) }),
    render: () => registry.metrics(),
  };
}
