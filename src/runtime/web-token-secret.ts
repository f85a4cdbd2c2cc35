/**
 * The key that signs web chat conversation tokens. Configured (`webChat.tokenSecret`,
 * `PARLEY_WEB_TOKEN_SECRET`) for several processes; otherwise generated once and kept beside the
 * file store's conversations, so tokens stay valid across restarts as the conversations do.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import type { RuntimeConfig } from './config.js';

const keyFile = '.web-token.key';

/**
 * Whether the key outlives the process that makes it (configured, or kept beside the file store's
 * conversations); otherwise tokens it signed die with it.
 */
export function isTokenSecretKept(config: RuntimeConfig): boolean {
  return config.webChat.tokenSecret !== undefined || config.store.kind === 'file';
}

export async function webTokenSecret(config: RuntimeConfig): Promise<string> {
  if (config.webChat.tokenSecret) return config.webChat.tokenSecret;
  if (config.store.kind !== 'file') return randomBytes(32).toString('base64url');
  const path = join(config.store.directory, keyFile);
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(config.store.directory, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  // Written whole to a file of its own, then linked into place: a link never replaces a file, so of
  // two processes starting at once one key wins, and no one ever reads a half-written key.
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key}\n`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readKey(path);
    if (written) return written;
    throw new ConfigurationError('webChat.tokenSecret', `${path} is damaged; delete it to generate a new key (open web conversations then need new tokens), or set PARLEY_WEB_TOKEN_SECRET`);
  } finally {
    await rm(temp, { force: true });
  }
}

async function readKey(path: string): Promise<string | undefined> {
  try {
    const key = (await readFile(path, 'utf8')).trim();
    return key.length >= 32 ? key : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
