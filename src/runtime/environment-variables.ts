/**
 * How environment variables become settings: each names a place in the config, may have a second
 * spelling, and is read from text.
 */
import { ConfigurationError } from '../core/errors.js';

/** An environment variable, its other spelling, where it goes and how its text becomes a value. */
export interface EnvironmentEntry {
  variable: string;
  /** Another name for the same setting (botbuilder's `MicrosoftAppId` for `MICROSOFT_APP_ID`); set to a different value, it is an error. */
  alias?: string;
  path: string[];
  read: (text: string, variable: string) => unknown;
}

/**
 * The entry's variable, or its alias, whichever is set (blank counts as unset). Both set to different
 * texts is an error naming both, never their values: one of them is likely a stale secret.
 *
 * @example
 * readVariable(process.env, { variable: 'MICROSOFT_APP_ID', alias: 'MicrosoftAppId', path: ['botFramework', 'appId'], read: (text) => text })
 * // { variable: 'MicrosoftAppId', text: '…' }
 */
export function readVariable(env: Record<string, string | undefined>, entry: EnvironmentEntry): { variable: string; text: string } | undefined {
  const set = [entry.variable, entry.alias]
    .filter((name): name is string => name !== undefined)
    .map((name) => ({ variable: name, text: env[name]?.trim() ?? '' }))
    .filter((found) => found.text !== '');
  if (set.length === 2 && set[0]!.text !== set[1]!.text) {
    throw new ConfigurationError(
      `${set[0]!.variable} and ${set[1]!.variable}`,
      'are both set, to different values (not shown); set only one of them, or the same value in both',
    );
  }
  return set[0];
}
