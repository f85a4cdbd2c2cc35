/**
 * botbuilder's CloudAdapter, configured from Parley's `auth` options. It authenticates each request
 * (the Bot Framework JWT), runs the turn logic, and sends replies through the Connector API.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { ConfigurationError } from '../../src/core/errors.js';

/** The bot's Microsoft app registration (Azure Bot resource). Omit it for local use with the Emulator. */
export interface BotFrameworkAuth {
  appId: string;
  /** The client secret. Required for `MultiTenant` and `SingleTenant`; not allowed for `UserAssignedMSI`. */
  appPassword?: string;
  /** Required for `SingleTenant` and `UserAssignedMSI`. */
  tenantId?: string;
  /** Default `MultiTenant`. */
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/**
 * CloudAdapter with `processActivity` callable. It is protected on CloudAdapterBase; the public
 * alternative, `process(req, res)`, wants express-shaped objects. Extending is botbuilder's design,
 * not ours: this subclass adds one line and overrides nothing.
 */
export class ActivityAdapter extends CloudAdapter {
  run(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * Authentication is on when `auth` is given (a request without a valid Bot Framework token is
 * refused) and off without it: the Emulator's unauthenticated mode, for local use only.
 */
export function createActivityAdapter(auth: BotFrameworkAuth | undefined): ActivityAdapter {
  if (!auth) return new ActivityAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const appType = auth.appType ?? 'MultiTenant';
  const filled = (value: string | undefined) => typeof value === 'string' && value.trim() !== '';
  if (!filled(auth.appId)) {
    throw new ConfigurationError('auth.appId', 'is empty; set MICROSOFT_APP_ID, or omit `auth` to run without authentication (local use only)');
  }
  if (appType !== 'UserAssignedMSI' && !filled(auth.appPassword)) {
    throw new ConfigurationError('auth.appPassword', `is required for ${appType} bots: replies are signed with it (MICROSOFT_APP_PASSWORD)`);
  }
  if (appType === 'UserAssignedMSI' && filled(auth.appPassword)) {
    throw new ConfigurationError('auth.appPassword', 'must not be set for UserAssignedMSI bots: the managed identity signs replies');
  }
  if (appType !== 'MultiTenant' && !filled(auth.tenantId)) {
    throw new ConfigurationError('auth.tenantId', `is required for ${appType} bots (MICROSOFT_APP_TENANT_ID)`);
  }
  try {
    return new ActivityAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppTenantId: auth.tenantId,
        MicrosoftAppType: appType,
      }),
    );
  } catch (error) {
    throw new ConfigurationError('auth', `botbuilder refused the settings: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
