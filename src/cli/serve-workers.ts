/**
 * `parley serve --workers N`: a primary process that forks N workers (node:cluster) serving on one
 * port, and keeps them serving. The primary loads no bot and trains nothing; each worker is a whole
 * `parley serve` that tells the primary when it listens. Conversations live in a store the workers
 * share, so any worker can serve any turn (turn claims keep dialog code to one run per turn).
 *
 * The primary prints the ready line once every worker listens, starts another worker when one dies
 * (waiting longer after each death of the same worker), gives up with exit code 1 when workers keep
 * dying before they listen (a bot module that does not load, a store that cannot open), and on
 * SIGTERM or SIGINT has every worker finish its turns in flight, then exits.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigurationError } from '../core/errors.js';
import { gatherClusterMetrics } from '../runtime/cluster-metrics.js';
import type { RuntimeConfig } from '../runtime/config.js';
import type { Logger } from '../runtime/logger.js';
import { isTokenSecretKept, webTokenSecret } from '../runtime/web-token-secret.js';

/** What a worker tells the primary once it listens. */
interface ReadyMessage {
  parley: 'ready';
  name: string;
  url: string;
}

/** Workers dying before they listen, one after another with none listening in between, before the primary gives up. */
const maxStartFailures = 3;
/** The wait before a dead worker's replacement starts, doubled for each death of that worker (up to `maxRestartDelayMs`). */
const firstRestartDelayMs = 250;
const maxRestartDelayMs = 30_000;
/** A worker that served this long made up for its slot's earlier deaths: the next replacement starts after the first delay. */
const stableMs = 60_000;
/** Past the workers' own shutdown timeout, how long the primary waits before it kills a worker that has not exited. */
const shutdownGraceMs = 5_000;

/** The number of worker processes the `workers` setting asks for (`auto`: one per available CPU). */
export function workerCount(setting: RuntimeConfig['workers']): number {
  return setting === 'auto' ? availableParallelism() : setting;
}

/** Several processes serve the same conversations only from a store they share. */
function checkStoreForWorkers(config: RuntimeConfig, workers: number): void {
  const { store } = config;
  if (store.kind === 'dynamodb' || (store.kind === 'file' && store.shared)) return;
  const held = store.kind === 'memory' ? 'the memory store lives in one process' : `the file store in ${store.directory} belongs to one process unless it is shared`;
  throw new ConfigurationError(
    'workers',
    `${workers} workers need a conversation store they share, and ${held}: use a file directory with store.shared: true (processes on this machine) or DynamoDB (store.kind: dynamodb), or serve with --workers 1`,
  );
}

/** In a worker: tells the primary that this worker listens. */
export function reportReady(name: string, url: string): void {
  process.send?.({ parley: 'ready', name, url } satisfies ReadyMessage);
}

function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as { parley?: unknown }).parley === 'ready';
}

interface Slot {
  worker?: Worker;
  /** When its worker started listening (performance.now), if it has. */
  readyAt?: number;
  /** Deaths since the slot last had a stable worker. */
  restarts: number;
  restartTimer?: NodeJS.Timeout;
}

export interface SuperviseOptions {
  config: RuntimeConfig;
  workers: number;
  logger: Logger;
  /** Called once, when every worker listens: the bot's name and the URL it serves. */
  onReady(ready: { name: string; url: string }): void;
}

/**
 * Runs the primary until its workers are gone; resolves with the exit code (0 after a signal, 1 when
 * workers kept dying at start).
 */
export async function superviseWorkers({ config, workers, logger, onReady }: SuperviseOptions): Promise<number> {
  checkStoreForWorkers(config, workers);
  // One key for every worker, so a token one signed is good at all of them.
  const secret = await webTokenSecret(config);
  if (!isTokenSecretKept(config)) {
    logger.warn('web chat tokens are signed with a key made for this run: they will not survive a restart unless PARLEY_WEB_TOKEN_SECRET (webChat.tokenSecret) is set');
  }
  const environment = { PARLEY_WEB_TOKEN_SECRET: secret };
  const slots: Slot[] = Array.from({ length: workers }, () => ({ restarts: 0 }));
  const serving = () => slots.flatMap((slot) => (slot.worker && slot.readyAt !== undefined ? [slot.worker] : []));
  const stopGathering = gatherClusterMetrics(serving);
  let announced = false;
  let startFailures = 0;
  let stopping: { code: number } | undefined;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));

  const start = (slot: Slot) => {
    slot.restartTimer = undefined;
    slot.readyAt = undefined;
    const worker = cluster.fork(environment);
    slot.worker = worker;
    worker.on('message', (message: unknown) => {
      if (!isReadyMessage(message) || slot.worker !== worker) return;
      slot.readyAt = performance.now();
      startFailures = 0;
      logger.info({ worker: worker.id, pid: worker.process.pid }, 'worker serving');
      if (!announced && slots.every((each) => each.readyAt !== undefined)) {
        announced = true;
        onReady({ name: message.name, url: message.url });
      }
    });
    worker.on('exit', (code, signal) => onExit(slot, worker, code, signal));
  };

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    const readyAt = slot.readyAt;
    slot.worker = undefined;
    slot.readyAt = undefined;
    if (stopping) {
      if (slots.every((each) => !each.worker)) finish(stopping.code);
      return;
    }
    const exit = { worker: worker.id, pid: worker.process.pid, code, signal };
    if (readyAt === undefined && ++startFailures >= maxStartFailures) {
      logger.error({ ...exit, failures: startFailures }, 'workers keep exiting before they listen (see their errors above); stopping');
      stop(1);
      return;
    }
    if (readyAt !== undefined && performance.now() - readyAt >= stableMs) slot.restarts = 0;
    const delayMs = Math.min(firstRestartDelayMs * 2 ** slot.restarts, maxRestartDelayMs);
    slot.restarts += 1;
    logger.warn({ ...exit, restartInMs: delayMs }, readyAt === undefined ? 'worker exited before it listened; starting another' : 'worker died; starting another');
    slot.restartTimer = setTimeout(() => start(slot), delayMs);
  };

  /** Asks every worker to finish its turns in flight and exit; a second call kills them. */
  const stop = (code: number) => {
    if (stopping) {
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
      return;
    }
    stopping = { code };
    for (const slot of slots) clearTimeout(slot.restartTimer);
    if (slots.every((slot) => !slot.worker)) return finish(code);
    for (const slot of slots) slot.worker?.process.kill('SIGTERM');
    setTimeout(() => {
      for (const slot of slots) {
        if (!slot.worker) continue;
        logger.warn({ worker: slot.worker.id, pid: slot.worker.process.pid }, 'worker did not stop in time; killing it');
        slot.worker.process.kill('SIGKILL');
      }
    }, config.shutdownTimeoutMs + shutdownGraceMs).unref();
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) console.error(`\n  ${signal}: finishing turns in flight in ${workers} workers… (again to stop at once)`);
    stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  for (const slot of slots) start(slot);
  try {
    return await finished;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopGathering();
  }
}
