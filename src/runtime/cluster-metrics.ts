/**
 * The metrics of `parley serve --workers N`, added up over the workers. A scrape of `/metrics`
 * reaches whichever worker the primary hands the connection to; a worker's own counters would jump
 * between workers' values from one scrape to the next (Prometheus reads every drop as a reset). So
 * the worker asks the primary, the primary asks every worker that is serving for its metrics and adds
 * them up (prom-client's `AggregatorRegistry.aggregate`: counters and histograms summed, process
 * gauges as prom-client aggregates them), and the scrape sees one server.
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { RuntimeMetrics } from './metrics.js';

/** How long the primary waits for every worker's metrics before the scrape fails (rather than report a partial sum). */
const gatherTimeoutMs = 5_000;

type WorkerMetrics = MetricObjectWithValues<MetricValue<string>>[];
type ClusterMetricsMessage =
  | { parley: 'metrics-request'; id: number }
  | { parley: 'metrics'; id: number; text?: string; error?: string }
  | { parley: 'worker-metrics-request'; id: number }
  | { parley: 'worker-metrics'; id: number; metrics: WorkerMetrics };

function isMessage(message: unknown): message is ClusterMetricsMessage {
  return typeof message === 'object' && message !== null && typeof (message as { parley?: unknown }).parley === 'string' && typeof (message as { id?: unknown }).id === 'number';
}

/**
 * In a cluster worker: the same metrics, whose `render` returns the whole cluster's, and which answer
 * the primary's requests for this worker's own. Elsewhere: `metrics` as they are.
 */
export function shareMetricsWithCluster(metrics: RuntimeMetrics): RuntimeMetrics {
  if (!cluster.isWorker || !process.send) return metrics;
  const send = (message: ClusterMetricsMessage) => process.send!(message);
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.parley === 'worker-metrics-request') {
      void metrics.registry.getMetricsAsJSON().then((own) => send({ parley: 'worker-metrics', id: message.id, metrics: own }));
    } else if (message.parley === 'metrics') {
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.text !== undefined) request?.resolve(message.text);
      else request?.reject(new Error(`the cluster's metrics could not be gathered: ${message.error ?? 'no answer'}`));
    }
  });
  return {
    ...metrics,
    render: () =>
      new Promise<string>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        send({ parley: 'metrics-request', id });
      }),
  };
}

/**
 * In the primary: answers workers' requests for the cluster's metrics by gathering those of
 * `serving()` (the workers that listen). Returns the function that stops answering.
 */
export function gatherClusterMetrics(serving: () => readonly Worker[]): () => void {
  let next = 0;
  const gathering = new Map<number, { metrics: WorkerMetrics[]; expected: number; done: (error?: Error) => void }>();
  const onMessage = (from: Worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.parley === 'worker-metrics') {
      const gather = gathering.get(message.id);
      if (!gather) return;
      gather.metrics.push(message.metrics);
      if (gather.metrics.length === gather.expected) gather.done();
      return;
    }
    if (message.parley !== 'metrics-request') return;
    // The asking worker too, though the primary may not have heard yet that it listens.
    const workers = [...new Set([from, ...serving()])].filter((worker) => worker.isConnected());
    const id = next++;
    const reply = (answer: { text?: string; error?: string }) => {
      if (from.isConnected()) from.send({ parley: 'metrics', id: message.id, ...answer } satisfies ClusterMetricsMessage);
    };
    const timer = setTimeout(() => gathering.get(id)?.done(new Error(`a worker did not answer within ${gatherTimeoutMs} ms`)), gatherTimeoutMs);
    const gather = {
      metrics: [] as WorkerMetrics[],
      expected: workers.length,
      done(error?: Error) {
        clearTimeout(timer);
        gathering.delete(id);
        if (error) return reply({ error: error.message });
        AggregatorRegistry.aggregate(gather.metrics)
          .metrics()
          .then((text) => reply({ text }), (failed: Error) => reply({ error: failed.message }));
      },
    };
    gathering.set(id, gather);
    for (const worker of workers) worker.send({ parley: 'worker-metrics-request', id } satisfies ClusterMetricsMessage);
  };
  cluster.on('message', onMessage);
  return () => {
    cluster.off('message', onMessage);
  };
}
