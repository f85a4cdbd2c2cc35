// The Bot Framework token services emulator (OpenID metadata, JWKS, channel tokens), exported from parley/testing.
export {
  startBotFrameworkTokenEmulator,
  type BotFrameworkTokenEmulator,
  type BotFrameworkTokenEmulatorOptions,
  type BotFrameworkTokenEmulatorCall,
  type MintChannelTokenOptions,
} from './bot-framework-token-emulator.js';
export { signJwt, type JwtSigner } from './sign-jwt.js';
