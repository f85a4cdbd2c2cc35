/**
 * The Lex model-building emulator, the real LexModelsV2Client pointed at it (fake keys, no SDK
 * retries unless asked) and `deploy()`: the reference assistant's intent files to bot AcmeTelecom,
 * with a sleep that returns at once (statuses advance by the next call: statusDelayMs 0).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import * as lexSdk from '@aws-sdk/client-lex-models-v2';
import { deployLexBot, lexContentHash, readDeployedBot, type DeployLexBotOptions } from '../../../../bot-deploy/lex-v2/deploy/index.js';
import { startLexModelsEmulator, type LexModelsEmulatorOptions } from '../../../../src/testing/emulators/lex-models/index.js';

export const roleArn = 'arn:aws:iam::123456789012:role/LexRole';
export const botName = 'AcmeTelecom';
export const intentsFolder = fileURLToPath(new URL('../../../../intents/', import.meta.url));
const fakeCredentials = { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };

export async function startDeployFixture(options: LexModelsEmulatorOptions & { maxAttempts?: number } = {}) {
  const { maxAttempts = 1, ...emulatorOptions } = options;
  const emulator = await startLexModelsEmulator({ statusDelayMs: 0, ...emulatorOptions });
  const client = new LexModelsV2Client({ region: 'us-east-1', endpoint: emulator.url, credentials: fakeCredentials, maxAttempts });
  const folders: string[] = [];
  return {
    emulator,
    client,
    deploy: (overrides: Partial<DeployLexBotOptions> = {}) => deployLexBot({ intentsDir: intentsFolder, botName, roleArn, client, timing: { sleep: async () => {} }, ...overrides }),
    /** Calls made since `from` (an index into `emulator.calls`). */
    callsSince: (from: number) => emulator.calls.slice(from),
    writesSince: (from: number) => emulator.calls.slice(from).filter((call) => call.write),
    /**
     * The account as a deploy sees it: the hash of the DRAFT content (equal to a plan's `contentHash`
     * when DRAFT matches the files), locale statuses, versions and where the alias points.
     */
    async summary() {
      const deployed = await readDeployedBot({ client, sdk: lexSdk }, botName);
      if (!deployed) return undefined;
      return {
        draftHash: lexContentHash({ bot: deployed.bot, locales: deployed.locales }),
        localeStatuses: deployed.locales.map((locale) => `${locale.locale.localeId} ${locale.status}`),
        versions: deployed.versions.map((version) => `${version.botVersion} ${version.status} ${version.description}`),
        alias: deployed.alias && `${deployed.alias.botAliasName} -> ${deployed.alias.botVersion} ${deployed.alias.botAliasStatus}`,
      };
    },
    /** A copy of the reference intents, `edit` applied to one of its files. */
    async editedIntents(file: string, edit: (text: string) => string): Promise<string> {
      const folder = await mkdtemp(join(tmpdir(), 'parley-lex-deploy-'));
      folders.push(folder);
      await cp(intentsFolder, folder, { recursive: true });
      const path = join(folder, 'en-US', file);
      await writeFile(path, edit(await readFile(path, 'utf8')));
      return folder;
    },
    async close() {
      client.destroy();
      await emulator.close();
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}

export type DeployFixture = Awaited<ReturnType<typeof startDeployFixture>>;
