/**
 * prom-client-parts.ts as a bundle has it (`parley lambda build` puts this module in that one's
 * place): each file required by its name, so that the bundler takes it in; the process metrics' code
 * still runs only when a registry asks for them. Never loaded outside a bundle, where an ES module has
 * no `require`.
 */
import type * as PromClient from 'prom-client';

export const Counter = require('prom-client/lib/counter') as typeof PromClient.Counter;
export const Histogram = require('prom-client/lib/histogram') as typeof PromClient.Histogram;
export const Registry = require('prom-client/lib/registry') as typeof PromClient.Registry;
export type Registry = PromClient.Registry;

export function collectDefaultMetrics(config: PromClient.DefaultMetricsCollectorConfiguration<PromClient.PrometheusContentType>): void {
  (require('prom-client/lib/defaultMetrics') as typeof PromClient.collectDefaultMetrics)(config);
}
