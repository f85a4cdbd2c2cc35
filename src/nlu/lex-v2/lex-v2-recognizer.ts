/**
 * The Recognizer seam on Amazon Lex V2 (RecognizeText). The AWS SDK is loaded on the first call, so
 * importing `parley` does not load it for bots that never use Lex.
 */
import type { LexRuntimeV2Client, LexRuntimeV2ClientConfig, RecognizeTextCommandInput } from '@aws-sdk/client-lex-runtime-v2';
import { findIntent, type IntentModel } from '../../content/intent-model.js';
import { ConfigurationError } from '../../core/errors.js';
import { resolveModelLocale } from '../local/resolve-locale.js';
import { emptyRecognition, type Recognition, type RecognizeOptions, type RecognizeRequest, type Recognizer } from '../recognizer.js';
import { toLexV2Error } from './lex-v2-errors.js';
import { lexV2IntentNames } from './lex-v2-intent-names.js';
import { fromLexV2LocaleId, lexV2SessionId, lexV2SessionState, toLexV2LocaleId } from './lex-v2-session.js';
import { mapLexV2Response } from './map-lex-v2-response.js';

export interface LexV2RecognizerOptions {
  /** The bot's id (10 characters, from the Lex console or the deployer). */
  botId: string;
  /** The alias to call; `TSTALIASID` is the draft version's test alias. */
  botAliasId: string;
  /** Lex locale (`en_US`). Default: the request's locale written Lex's way (`en-US` becomes `en_US`). */
  localeId?: string;
  /** Region of the bot, for the default client; without it the SDK reads `AWS_REGION` or the profile. */
  region?: string;
  /**
   * The SDK client to call Lex with, instead of `new LexRuntimeV2Client({ region })`: for credentials,
   * retries or an endpoint of your own (tests point one at `startLexRuntimeEmulator`).
   */
  client?: LexRuntimeV2Client;
  /**
   * For the client Parley creates when `client` is not given: `endpoint` (an `http://` emulator),
   * `credentials` (else the SDK's default chain: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, the
   * profile, the instance role), `maxAttempts` (1 behind a router, which retries itself)…
   */
  clientConfig?: LexRuntimeV2ClientConfig;
  /**
   * The intent model the bot was compiled from: it gives entities their slot types, and Lex's intent
   * names their Parley names (an imported `RepeatIntent` is `Repeat`, by its intent file's `lex:` block).
   */
  model?: IntentModel;
  /** A chosen intent scoring below this gets `topIntent: null`. Default 0: the bot's own threshold decides, through `FallbackIntent`. */
  threshold?: number;
}

type LexSdk = typeof import('@aws-sdk/client-lex-runtime-v2');

const provider = 'lex-v2';

/**
 * A recognizer that asks an Amazon Lex V2 bot. Each conversation is one Lex session (its id derived
 * from `conversationId`); `request.attributes` go to Lex as session attributes and its answer's come
 * back in `readLexV2Details(recognition)`. While the dialog expects a slot, Lex is told to elicit that
 * slot, so it reads the answer as the slot's value; while it asks a yes/no question, that it is
 * confirming the intent, so a change said with the answer ("no, at 2pm") comes back as a slot. The
 * customer's time zone goes as the `x-amz-lex:time-zone` request attribute, for dates like "tomorrow".
 *
 * Lex's confidence is comparative only (see `mapLexV2Response`): calibrating it against other providers
 * is the router's job. Failures reject with a `ProviderCallError` whose `retryable` says whether to try
 * again; an aborted call rejects with the signal's reason. `raw` holds Lex's answer: never log it.
 *
 * @example
 * const lex = createLexV2Recognizer({ botId: 'ABCDEFGHIJ', botAliasId: 'TSTALIASID', localeId: 'en_US', region: 'us-east-1', model });
 * const recognition = await lex.recognize({ text: 'a large pizza', locale: 'en-US', now: new Date(), timeZone: 'UTC', conversationId: 'web:42' });
 */
export function createLexV2Recognizer(options: LexV2RecognizerOptions): Recognizer {
  checkOptions(options);
  let sdk: Promise<LexSdk> | undefined;
  let client: Promise<LexRuntimeV2Client> | undefined;
  const loadSdk = () => (sdk ??= import('@aws-sdk/client-lex-runtime-v2'));
  const loadClient = () =>
    (client ??= options.client ? Promise.resolve(options.client) : loadSdk().then((lex) => new lex.LexRuntimeV2Client({ ...(options.region ? { region: options.region } : {}), ...options.clientConfig })));

  return {
    name: provider,
    async recognize(request: RecognizeRequest, { signal }: RecognizeOptions = {}): Promise<Recognition> {
      signal?.throwIfAborted();
      const started = performance.now();
      const localeId = options.localeId ?? toLexV2LocaleId(request.locale);
      const locale = fromLexV2LocaleId(localeId);
      const names = lexV2IntentNames(options.model, locale);
      const text = typeof request.text === 'string' ? request.text : '';
      // Lex rejects empty text; an empty message is understood as nothing without asking.
      if (text.trim() === '') return emptyRecognition(text, locale, provider);
      const input: RecognizeTextCommandInput = {
        botId: options.botId,
        botAliasId: options.botAliasId,
        localeId,
        sessionId: lexV2SessionId(request.conversationId),
        text,
        sessionState: lexV2SessionState(names.expectingInLex(request)),
        requestAttributes: { 'x-amz-lex:time-zone': request.timeZone },
      };
      let response;
      try {
        const [lex, lexClient] = await Promise.all([loadSdk(), loadClient()]);
        response = await lexClient.send(new lex.RecognizeTextCommand(input), signal ? { abortSignal: signal } : {});
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw toLexV2Error(error, 'RecognizeText');
      }
      return mapLexV2Response(response, {
        text,
        locale,
        latencyMs: performance.now() - started,
        slotTypeOf: slotTypes(options.model, locale, request),
        intentNameOf: names.parleyName,
        threshold: options.threshold ?? 0,
        raw: response,
      });
    },
  };
}

/** Slot types from the model when given; else the expected slot's type, when the dialog said it. */
function slotTypes(model: IntentModel | undefined, locale: string, request: RecognizeRequest) {
  const modelLocale = model ? resolveModelLocale(model, locale) : undefined;
  const localeModel = model && modelLocale ? model.locales[modelLocale] : undefined;
  return (intent: string, slot: string): string | undefined => {
    const fromModel = localeModel ? findIntent(localeModel, intent)?.slots.find((candidate) => candidate.name === slot)?.type : undefined;
    if (fromModel) return fromModel;
    const expecting = request.expecting;
    return expecting?.slot === slot && (expecting.intent === undefined || expecting.intent === intent) ? expecting.slotType : undefined;
  };
}

function checkOptions(options: LexV2RecognizerOptions): void {
  for (const key of ['botId', 'botAliasId'] as const) {
    if (typeof options[key] !== 'string' || options[key].trim() === '') {
      throw new ConfigurationError(key, `give the Lex V2 bot's ${key} (from the Lex console, or the output of the Lex deployer)`);
    }
  }
  if (options.localeId !== undefined && !/^[a-z]{2}_[A-Z]{2}$/.test(options.localeId)) {
    throw new ConfigurationError('localeId', `"${options.localeId}" is not a Lex locale id; write it like en_US`);
  }
  if (options.threshold !== undefined && !(options.threshold >= 0 && options.threshold <= 1)) {
    throw new ConfigurationError('threshold', 'must be between 0 and 1');
  }
}
