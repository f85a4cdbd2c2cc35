/**
 * The `botFramework` section of the runtime config: the Azure Bot's app registration (authentication
 * is on when an app id is set), where replies may go, and other clouds' endpoints. Its environment
 * variables come in botbuilder's spelling (`MicrosoftAppId`) and the upper-case one (`MICROSOFT_APP_ID`).
 */
import * as z from 'zod';
import type { BotFrameworkAppOptions } from '../../channels/bot-framework/create-bot-framework-app.js';
import { appTypes, findAuthProblem } from '../../channels/bot-framework/auth-settings.js';
import type { EnvironmentEntry } from './environment-variables.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const botFrameworkConfigSchema = z
  .strictObject({
    appId: z.string().min(1).optional(),
    appPassword: z.string().min(1).optional(),
    tenantId: z.string().min(1).optional(),
    appType: z.enum(appTypes).optional(),
    /**
     * URL prefixes replies may be POSTed to besides loopback (`https://smba.trafficmanager.net/`,
     * `https://*.botframework.com/`). Without authentication the default is loopback only.
     */
    allowedServiceUrls: z.array(httpUrl).optional(),
    /** Other clouds than public Azure: see BotFrameworkEndpoints. */
    endpoints: z
      .strictObject({
        channelOpenIdMetadataUrl: httpUrl,
        emulatorOpenIdMetadataUrl: httpUrl,
        channelTokenIssuer: z.string().min(1),
        loginUrl: httpUrl,
        oauthScope: z.string().min(1),
        oauthUrl: httpUrl,
        callerId: z.string().min(1),
        validateAuthority: z.boolean(),
      })
      .partial()
      .optional(),
  })
  .superRefine((settings, context) => {
    const problem = findAuthProblem(settings);
    if (problem) context.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
  })
  .prefault({});

export type BotFrameworkConfig = z.output<typeof botFrameworkConfigSchema>;

export const botFrameworkEnvironment: EnvironmentEntry[] = [
  { variable: 'MICROSOFT_APP_ID', alias: 'MicrosoftAppId', path: ['botFramework', 'appId'], read: (text) => text },
  { variable: 'MICROSOFT_APP_PASSWORD', alias: 'MicrosoftAppPassword', path: ['botFramework', 'appPassword'], read: (text) => text },
  { variable: 'MICROSOFT_APP_TENANT_ID', alias: 'MicrosoftAppTenantId', path: ['botFramework', 'tenantId'], read: (text) => text },
  { variable: 'MICROSOFT_APP_TYPE', alias: 'MicrosoftAppType', path: ['botFramework', 'appType'], read: (text) => text },
  { variable: 'PARLEY_ALLOWED_SERVICE_URLS', path: ['botFramework', 'allowedServiceUrls'], read: (text) => text.split(/[\s,]+/).filter(Boolean) },
];

/**
 * The channel's options from the config: `auth` only with an app id (the config has already refused
 * a password or tenant without one).
 *
 * @example
 * createBotFrameworkApp({ bot, logger, ...botFrameworkAppSettings(config.botFramework) });
 */
export function botFrameworkAppSettings(config: BotFrameworkConfig): Pick<BotFrameworkAppOptions, 'auth' | 'allowedServiceUrls'> {
  const { appId, allowedServiceUrls, ...rest } = config;
  return { auth: appId ? { ...rest, appId } : undefined, allowedServiceUrls };
}
