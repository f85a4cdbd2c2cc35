/**
 * The Bot Framework app registration's rules, in one place for the channel's options and the runtime
 * config. Pure: loading it loads no botbuilder.
 */
import { ConfigurationError } from '../../src/core/errors.js';

export const appTypes = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof appTypes)[number];

/** The registration fields as written, any of them possibly missing. */
export interface AuthSettingsInput {
  appId?: string | undefined;
  appPassword?: string | undefined;
  tenantId?: string | undefined;
  appType?: AppType | undefined;
}

export interface AuthProblem {
  key: 'appId' | 'appPassword' | 'tenantId';
  message: string;
}

const filled = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';

/**
 * What makes these settings unusable, if anything. Never quotes a value.
 *
 * @example
 * findAuthProblem({ appPassword: '…' }) // { key: 'appId', message: 'is required when appPassword is set: …' }
 */
export function findAuthProblem(settings: AuthSettingsInput): AuthProblem | undefined {
  const appType = settings.appType ?? 'MultiTenant';
  if (!filled(settings.appId)) {
    // Without an app id authentication is off; a password without one is a setup gone wrong, and running
    // open would hide it.
    const given = (['appPassword', 'tenantId', 'appType'] as const).filter((key) => settings[key] !== undefined);
    if (given.length === 0 && settings.appId === undefined) return undefined;
    const which = given.length > 0 ? given.join(' and ') : 'it';
    return {
      key: 'appId',
      message: given.length > 0
        ? `is required when ${which} ${given.length > 1 ? 'are' : 'is'} set: set the bot's app id, or remove ${given.length > 1 ? 'them' : which} to run without authentication (local use only)`
        : "is empty: set the bot's app id, or leave it out to run without authentication (local use only)",
    };
  }
  if (appType !== 'UserAssignedMSI' && !filled(settings.appPassword)) {
    return { key: 'appPassword', message: `is required for ${appType} bots: replies are signed with it` };
  }
  if (appType === 'UserAssignedMSI' && filled(settings.appPassword)) {
    return { key: 'appPassword', message: 'must not be set for UserAssignedMSI bots: the managed identity signs replies' };
  }
  if (appType !== 'MultiTenant' && !filled(settings.tenantId)) {
    return { key: 'tenantId', message: `is required for ${appType} bots` };
  }
  return undefined;
}

const hints: Record<AuthProblem['key'], string> = {
  appId: ' (MICROSOFT_APP_ID); omit `auth` to run without authentication',
  appPassword: ' (MICROSOFT_APP_PASSWORD)',
  tenantId: ' (MICROSOFT_APP_TENANT_ID)',
};

/**
 * Throws a ConfigurationError naming the key (`auth.appPassword`) and its environment variable when
 * the channel's `auth` option cannot work: checked when the channel is created, before botbuilder loads.
 *
 * @example
 * checkAuthSettings({ appId: 'app' }); // throws "auth.appPassword: is required for MultiTenant bots…"
 */
export function checkAuthSettings(auth: AuthSettingsInput): void {
  const problem = findAuthProblem({ ...auth, appId: auth.appId ?? '' });
  if (problem) throw new ConfigurationError(`auth.${problem.key}`, `${problem.message}${hints[problem.key]}`);
}
