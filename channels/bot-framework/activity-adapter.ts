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
import { checkAuthSettings, type AppType } from './auth-settings.js';
import { endpointSettings, type BotFrameworkEndpoints } from './bot-framework-endpoints.js';
import { createTenantGuard, type TenantGuard } from './token-tenant-guard.js';

/** The bot's Microsoft app registration (Azure Bot resource). Omit it for local use with the Emulator. */
export interface BotFrameworkAuth {
  appId: string;
  /** The client secret. Required for `MultiTenant` and `SingleTenant`; not allowed for `UserAssignedMSI`. */
  appPassword?: string;
  /** Required for `SingleTenant` and `UserAssignedMSI`. */
  tenantId?: string;
  /** Default `MultiTenant`. */
  appType?: AppType;
  /**
   * Advanced: where signing keys and tokens come from, for other clouds than public Azure, or for the
   * offline emulator in tests (`startBotFrameworkTokenEmulator().endpoints`). Missing fields keep the
   * public cloud's.
   */
  endpoints?: BotFrameworkEndpoints;
  /** How long a token check may take (fetching the signing keys included) before the request gets 503. Default 10 s. */
  timeoutMs?: number;
}

/**
 * Why a request was not let in: 401/403 for a token that fails validation (whatever part of the check
 * threw), 503 when the signing keys could not be fetched, so no token could be checked.
 *
 * @example
 * if (error instanceof AuthenticationFailure) return { status: error.status };
 */
export class AuthenticationFailure extends Error {
  readonly status: 401 | 403 | 503;
  constructor(status: 401 | 403 | 503, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthenticationFailure';
    this.status = status;
  }
}

/**
 * CloudAdapter with `processActivity` callable. It is protected on CloudAdapterBase; the public
 * alternative, `process(req, res)`, wants express-shaped objects. Extending is botbuilder's design,
 * not ours: this subclass authenticates first, so that what fails there is told apart from what fails
 * in the turn, and overrides nothing.
 */
export class ActivityAdapter extends CloudAdapter {
  /** How long a token check may take (it may fetch the signing keys), before the request gets 503. */
  authenticationTimeoutMs = 10_000;
  /**
   * Token checks waiting at once before more get 503 at once: botbuilder fetches the signing keys for
   * each request that needs them, and a key server that never answers would otherwise hold a socket
   * per request without end.
   */
  maxPendingAuthentications = 64;
  /** With authentication: the token tenants botbuilder may see (see token-tenant-guard.ts). */
  tenants: TenantGuard | undefined;
  private pending = 0;

  /** Throws AuthenticationFailure when the request is not authenticated; the turn then never runs. */
  async run(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    if (this.tenants && !this.tenants.admits(authorization)) {
      const cause = Object.assign(new Error('the token names a tenant this bot does not accept'), { name: 'UnknownTenant' });
      throw new AuthenticationFailure(401, 'the request has no valid Bot Framework token', { cause });
    }
    if (this.pending >= this.maxPendingAuthentications) {
      throw new AuthenticationFailure(503, 'too many token checks are waiting for the signing keys');
    }
    this.pending += 1;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AuthenticationFailure(503, 'the token check took too long (are the signing keys out of reach?)')), this.authenticationTimeoutMs);
    });
    const checking = this.botFrameworkAuthentication.authenticateRequest(activity, authorization).finally(() => {
      this.pending -= 1;
    });
    let authenticated: Awaited<typeof checking>;
    try {
      authenticated = await Promise.race([checking, timedOut]);
    } catch (error) {
      checking.catch(() => undefined); // it may still fail after the timeout; nobody waits for it then
      throw error instanceof AuthenticationFailure ? error : authenticationFailureOf(error);
    } finally {
      clearTimeout(timer);
    }
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * Authentication is on when `auth` is given (a request without a valid Bot Framework token is
 * refused) and off without it: the Emulator's unauthenticated mode, for local use only.
 */
export function createActivityAdapter(auth: BotFrameworkAuth | undefined): ActivityAdapter {
  if (!auth) return new ActivityAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const appType = auth.appType ?? 'MultiTenant';
  checkAuthSettings(auth);
  try {
    const adapter = new ActivityAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppTenantId: auth.tenantId,
        MicrosoftAppType: appType,
        ...endpointSettings(auth.endpoints),
      }),
    );
    if (auth.timeoutMs !== undefined) adapter.authenticationTimeoutMs = auth.timeoutMs;
    adapter.tenants = createTenantGuard({ tenantId: auth.tenantId });
    return adapter;
  } catch (error) {
    // botbuilder's message may quote the settings it refused, the password among them.
    throw new ConfigurationError('auth', `botbuilder refused the settings (${error instanceof Error ? error.name : typeof error}); check appType, tenantId and endpoints`);
  }
}

/**
 * Fails closed: whatever the check threw, the request is not authenticated. Only the keys being out of
 * reach is not the caller's fault: node-fetch's FetchError (network down, an unreadable answer) or
 * botbuilder's "Failed to load openID config / Keys" (an error status from the metadata server).
 */
function authenticationFailureOf(error: unknown): AuthenticationFailure {
  const { statusCode, name, message } = (error ?? {}) as { statusCode?: unknown; name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (name === 'FetchError' || (statusCode === 500 && /^Failed to load (openID config|Keys)\b/.test(text))) {
    return new AuthenticationFailure(503, 'the Bot Framework signing keys could not be fetched', { cause: error });
  }
  return new AuthenticationFailure(statusCode === 403 ? 403 : 401, 'the request has no valid Bot Framework token', { cause: error });
}
