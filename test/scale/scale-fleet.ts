// The processes of the scale test: dynalite in a process of its own, and several `parley serve` of
// the scale bot on one table of it, sharing the web token secret, with the web API's rate limits
// raised (every customer here comes from 127.0.0.1). Each serve appends its bot's side effects to a
// file of its own.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbTable } from '../../src/state/index.js';
import { dynaliteCredentials, dynaliteRegion } from '../support/dynalite.js';
import { runCommand, runParley, stopCommand, type ParleyProcess } from '../support/run-parley.js';
import { effectsVariable } from './scale-bot.js';
import type { SideEffect } from './tally-runs.js';

export interface ScaleFleet {
  /** The serves' base URLs, by process index. */
  readonly urls: string[];
  /** Every side effect the serves' bots ran, by conversation. */
  sideEffects(): Promise<Map<string, SideEffect[]>>;
  /** A counter summed over the serves' `/metrics` (0 where a serve does not have it). */
  counter(name: string): Promise<number>;
  /** What the processes printed, for a failure's report. */
  output(): string;
  /** Stops every process started (safe to call after a failed start). */
  close(): Promise<void>;
}

const table = 'parley-scale';

/** Web API limits for one address driving hundreds of conversations (config `limits`). */
const limits = { conversationsPerMinute: 1_000_000, messagesPerMinute: 1_000_000, messagesPerMinutePerAddress: 1_000_000 };

/**
 * Starts the fleet; `directory` receives the config file and the side-effect files.
 *
 * @example
 * const fleet = await startScaleFleet({ processes: 4, directory });
 * try { ... } finally { await fleet.close(); }
 */
export async function startScaleFleet({ processes, directory }: { processes: number; directory: string }): Promise<ScaleFleet> {
  const started: Array<{ name: string; process: ParleyProcess }> = [];
  const effectsFiles = Array.from({ length: processes }, (_, index) => join(directory, `effects-${index}.log`));
  const urls: string[] = [];
  const fleet: ScaleFleet = {
    urls,
    async sideEffects() {
      const byConversation = new Map<string, SideEffect[]>();
      for (const [process, file] of effectsFiles.entries()) {
        const text = await readFile(file, 'utf8').catch(() => '');
        for (const line of text.split('\n').filter(Boolean)) {
          const conversationId = line.slice(0, line.indexOf(' '));
          byConversation.set(conversationId, [...(byConversation.get(conversationId) ?? []), { line, process }]);
        }
      }
      return byConversation;
    },
    async counter(name) {
      let sum = 0;
      for (const url of urls) {
        const text = await (await fetch(`${url}/metrics`)).text();
        for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)$`, 'gm'))) sum += Number(match[1]);
      }
      return sum;
    },
    output: () => started.map(({ name, process }) => `--- ${name}\n${process.output().stdout}${process.output().stderr}`).join('\n'),
    async close() {
      // The serves first: they hold connections to dynalite.
      for (const { process } of started.slice(1).reverse()) await stopCommand(process);
      if (started[0]) await stopCommand(started[0].process);
    },
  };
  try {
    const dynalite = runCommand(process.execPath, ['--import', 'tsx', 'test/support/dynalite-process.ts']);
    started.push({ name: 'dynalite', process: dynalite });
    const [, endpoint] = await dynalite.waitFor(/^dynalite: (http:\S+)$/m);
    const client = new DynamoDBClient({ endpoint, region: dynaliteRegion, credentials: dynaliteCredentials });
    try {
      await createDynamoDbTable({ table, client });
    } finally {
      client.destroy();
    }
    const config = join(directory, 'parley.config.json');
    await writeFile(config, `${JSON.stringify({ limits })}\n`);
    const env = {
      AWS_ACCESS_KEY_ID: dynaliteCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: dynaliteCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: '',
      AWS_PROFILE: '',
      AWS_REGION: dynaliteRegion,
      PARLEY_STORE: 'dynamodb',
      PARLEY_DYNAMODB_TABLE: table,
      PARLEY_DYNAMODB_ENDPOINT: endpoint!,
      PARLEY_WEB_TOKEN_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    };
    const serves = effectsFiles.map((file, index) => {
      const serve = runParley(['serve', 'test/scale/scale-bot.ts', '--port', '0', '--config', config], { ...env, [effectsVariable]: file });
      started.push({ name: `serve ${index}`, process: serve });
      return serve;
    });
    for (const serve of serves) {
      const [, url] = await serve.waitFor(/open (http:\/\/localhost:\d+)/);
      urls.push(url!.replace('localhost', '127.0.0.1'));
    }
    return fleet;
  } catch (error) {
    await fleet.close();
    throw new Error(`the scale fleet did not start: ${(error as Error).message}\n${fleet.output()}`);
  }
}
