/**
 * Where botbuilder fetches signing keys and tokens: the public Azure cloud by default; other clouds
 * (US Government, sovereign and private clouds) and offline tests name their own.
 */

/** Every field is optional: a missing one keeps the public cloud's value. */
export interface BotFrameworkEndpoints {
  /** OpenID metadata for the tokens channels send (botbuilder's `ToBotFromChannelOpenIdMetadataUrl`). */
  channelOpenIdMetadataUrl?: string;
  /** OpenID metadata for tokens from the Emulator and from skills (`ToBotFromEmulatorOpenIdMetadataUrl`). */
  emulatorOpenIdMetadataUrl?: string;
  /** The `iss` of channel tokens (`ToBotFromChannelTokenIssuer`). */
  channelTokenIssuer?: string;
  /** Where the bot gets the tokens that sign its replies (`ToChannelFromBotLoginUrl`). */
  loginUrl?: string;
  /** The scope of those tokens (`ToChannelFromBotOAuthScope`). */
  oauthScope?: string;
  /** The user token service (`OAuthUrl`). */
  oauthUrl?: string;
  /** The `callerId` set on authenticated activities (`CallerId`). */
  callerId?: string;
  /** Check `loginUrl` against Microsoft's list of authorities (`ValidateAuthority`). Default true. */
  validateAuthority?: boolean;
}

/** botbuilder's AuthenticationConstants and CallerIdConstants for the public cloud (not exported by botbuilder itself). */
export const publicCloudEndpoints: Required<BotFrameworkEndpoints> = {
  channelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  channelTokenIssuer: 'https://api.botframework.com',
  loginUrl: 'https://login.microsoftonline.com/botframework.com',
  oauthScope: 'https://api.botframework.com',
  oauthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
  validateAuthority: true,
};

/**
 * The settings ConfigurationBotFrameworkAuthentication reads. Given one endpoint, botbuilder takes
 * every endpoint as given ("parameterized"), so the missing ones are filled from the public cloud.
 *
 * @example
 * new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId, MicrosoftAppPassword, ...endpointSettings({ channelOpenIdMetadataUrl }) });
 */
export function endpointSettings(endpoints: BotFrameworkEndpoints | undefined): Record<string, string | boolean> {
  if (!endpoints) return {};
  const chosen = { ...publicCloudEndpoints, ...withoutUndefined(endpoints) };
  return {
    ToBotFromChannelOpenIdMetadataUrl: chosen.channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: chosen.emulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: chosen.channelTokenIssuer,
    ToChannelFromBotLoginUrl: chosen.loginUrl,
    ToChannelFromBotOAuthScope: chosen.oauthScope,
    OAuthUrl: chosen.oauthUrl,
    CallerId: chosen.callerId,
    ValidateAuthority: chosen.validateAuthority,
  };
}

function withoutUndefined(endpoints: BotFrameworkEndpoints): BotFrameworkEndpoints {
  return Object.fromEntries(Object.entries(endpoints).filter(([, value]) => value !== undefined));
}
