/** `parley serve [bot-module]`: the HTTP runtime (web chat, JSON API, Bot Framework, health, metrics). */
import cluster from 'node:cluster';
import { Command } from 'commander';
import { loadRuntimeConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { loadBotModule } from './load-bot-module.js';
import { reportReady, superviseWorkers, workerCount } from './serve-workers.js';

interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
  store?: string;
  workers?: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve a bot over HTTP: the web chat page, its JSON API, Bot Framework, health and metrics')
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: the config, else bot.ts, else dialogs/index.ts)')
    .option('-p, --port <port>', 'port to listen on (default 3978, or PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or HOST)')
    .option('-c, --config <file>', 'a config file (default parley.config.yaml or .json if present)')
    .option('--store <kind>', 'where conversations live: file, memory or dynamodb')
    .option('--workers <count>', 'processes serving on the port: a number, or auto for one per CPU (default 1, or PARLEY_WORKERS); more than one needs a shared store')
    .action(async (module: string | undefined, options: ServeOptions) => {
      if (!cluster.worker) return serve(module, options);
      // A worker that cannot start (its error is printed as any command's) lets go of the primary,
      // whose channel would otherwise keep it running; the primary starts another or gives up.
      const worker = cluster.worker;
      await serve(module, options).catch((error: unknown) => {
        worker.disconnect();
        throw error;
      });
    });
}

async function serve(module: string | undefined, options: ServeOptions): Promise<void> {
  const config = loadRuntimeConfig({
    file: options.config,
    overrides: {
      bot: module,
      port: options.port === undefined ? undefined : Number(options.port),
      host: options.host,
      store: options.store ? { kind: options.store } : undefined,
      workers: options.workers === undefined || options.workers === 'auto' ? options.workers : Number(options.workers),
    },
  });
  const workers = workerCount(config.workers);
  if (workers > 1 && cluster.isPrimary) {
    // The primary only forks and watches (serve-workers.ts): each worker loads the bot.
    const onReady = ({ name, url }: { name: string; url: string }) => announceReady(name, url, ` with ${workers} workers`);
    process.exit(await superviseWorkers({ config, workers, logger: createLogger(config.logging), onReady }));
  }
  // Loaded here, not at the top: the other commands need no HTTP server. And before the bot: a
  // TypeScript bot turns on tsx's loader, and every module loaded after it goes through it.
  const { startRuntime } = await import('../runtime/start-runtime.js');
  const definition = await loadBotModule(config.bot);
  // A worker's log lines say which worker wrote them.
  const logger = cluster.worker ? createLogger(config.logging).child({ worker: cluster.worker.id }) : undefined;
  const runtime = await startRuntime(definition, config, logger);
  const { server } = runtime;
  if (cluster.worker) reportReady(definition.name, server.url);
  else announceReady(definition.name, server.url);
  const stop = async (signal: string) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!cluster.worker) console.error(`\n  ${signal}: finishing turns in flight…`);
    await runtime.close();
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => void stop(signal);
  // A worker stops when the primary says so (SIGTERM): a Ctrl-C reaches every process of the
  // terminal, and the primary decides whether it means "finish" or, the second time, "now".
  if (!cluster.worker) process.on('SIGINT', onSignal);
  else process.on('SIGINT', () => {});
  process.on('SIGTERM', onSignal);
}

/** The line a person waits for. The time is from the process's start: loading modules, training the recognizer, opening the store, listening. */
function announceReady(name: string, url: string, detail = ''): void {
  const startedIn = process.uptime().toFixed(1);
  console.error(`\n  ${name} is ready in ${startedIn} s${detail}: open ${url.replace('127.0.0.1', 'localhost')} in your browser (Ctrl-C to stop)\n`);
}
