/** `parley serve [bot-module]`: the HTTP runtime (web chat, JSON API, Bot Framework, health, metrics). */
import { Command } from 'commander';
import { loadRuntimeConfig } from '../runtime/config.js';
import { loadBotModule } from './load-bot-module.js';

interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
  store?: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve a bot over HTTP: the web chat page, its JSON API, Bot Framework, health and metrics')
    .argument('[bot-module]', 'module whose default export is defineBot({...}) (default: the config, else bot.ts, else dialogs/index.ts)')
    .option('-p, --port <port>', 'port to listen on (default 3978, or PORT)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1, or HOST)')
    .option('-c, --config <file>', 'a config file (default parley.config.yaml or .json if present)')
    .option('--store <kind>', 'where conversations live: file or memory')
    .action(async (module: string | undefined, options: ServeOptions) => {
      const config = loadRuntimeConfig({
        file: options.config,
        overrides: {
          bot: module,
          port: options.port === undefined ? undefined : Number(options.port),
          host: options.host,
          store: options.store ? { kind: options.store } : undefined,
        },
      });
      const definition = await loadBotModule(config.bot);
      // Loaded here, not at the top: the other commands need neither hono nor botbuilder.
      const { startRuntime } = await import('../runtime/start-runtime.js');
      const runtime = await startRuntime(definition, config);
      const { server } = runtime;
      // From the process's start: loading modules, training the recognizer, opening the store, listening.
      const startedIn = process.uptime().toFixed(1);
      console.error(`\n  ${definition.name} is ready in ${startedIn} s: open ${server.url.replace('127.0.0.1', 'localhost')} in your browser (Ctrl-C to stop)\n`);
      const stop = async (signal: string) => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        console.error(`\n  ${signal}: finishing turns in flight…`);
        await runtime.close();
        process.exit(0);
      };
      const onSignal = (signal: NodeJS.Signals) => void stop(signal);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
}
