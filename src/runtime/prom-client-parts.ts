/**
 * The parts of prom-client the runtime's metrics use, each required from its own file. The package's
 * entry also loads its push gateway (node:http, node:https), cluster aggregation and the process
 * metrics with @opentelemetry/api: some 25 ms of a Lambda cold start, which uses none of them. The
 * process metrics load when a registry first asks for them. Loading is synchronous, as
 * `createRuntimeMetrics` is: `require` of prom-client's CommonJS files. A bundle puts
 * prom-client-parts.bundle.ts in this module's place.
 */
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

const load = createRequire(import.meta.url);

export const Counter = load('prom-client/lib/counter') as typeof PromClient.Counter;
export const Histogram = load('prom-client/lib/histogram') as typeof PromClient.Histogram;
export const Registry = load('prom-client/lib/registry') as typeof PromClient.Registry;
export type Registry = PromClient.Registry;

/**
 * @example
 * collectDefaultMetrics({ register: registry, prefix: 'parley_' });
 */
export function collectDefaultMetrics(config: PromClient.DefaultMetricsCollectorConfiguration<PromClient.PrometheusContentType>): void {
  (load('prom-client/lib/defaultMetrics') as typeof PromClient.collectDefaultMetrics)(config);
}
