import type { ConversationAnalysisClient, ConversationAnalysisClientOptionalParams, ConversationalTask } from '@azure/ai-language-conversations';
import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { IntentModel } from '../../content/intent-model.js';
import { ConfigurationError } from '../../core/errors.js';
import { emptyRecognition, type Recognition, type RecognizeRequest, type Recognizer } from '../recognizer.js';
import { toCluCallError } from './clu-call-error.js';
import { cluProvider, mapCluResult } from './map-clu-result.js';

/** What Parley needs of a ConversationAnalysisClient: a real one, or anything shaped like it. */
export type CluClient = Pick<ConversationAnalysisClient, 'analyzeConversation'>;

export interface CluRecognizerOptions {
  /** The Language resource: `https://<resource>.cognitiveservices.azure.com`. Not needed with `client`. */
  endpoint?: string;
  /** An `AzureKeyCredential` (or any `{ key }`), or an Azure AD token credential. Not needed with `client`. */
  credential?: KeyCredential | TokenCredential;
  projectName: string;
  deploymentName: string;
  /**
   * A client of your own. Retries belong to the router around the recognizer: create it with
   * `retryOptions: { maxRetries: 0 }`, as Parley does for the client it creates.
   */
  client?: CluClient;
  /** For the client Parley creates: `apiVersion`, `allowInsecureConnection` (an http:// emulator), `tlsOptions`… */
  clientOptions?: ConversationAnalysisClientOptionalParams;
  /**
   * The intent model the CLU project was compiled from. By convention each CLU entity is named after
   * the slot it fills (`date`, `service`), so an entity of the top intent's slot carries `slot`, and
   * every entity the slot's type (a list key becomes the list value, a regex match is canonicalised).
   */
  model?: IntentModel;
  /** The project's confidence threshold (its `settings.confidenceThreshold`): under it `topIntent` is null. Default 0. */
  threshold?: number;
}

/**
 * A recognizer backed by an Azure CLU (Conversational Language Understanding) deployment, returning
 * the same Recognition as the local recognizer. The Azure SDK is loaded on the first call, so a bot
 * that never uses CLU never loads it. The answer is kept as `raw` (never logged); failures are
 * ProviderCallErrors with `retryable` set (see toCluCallError).
 *
 * @example
 * const recognizer = createCluRecognizer({
 *   endpoint: 'https://contoso.cognitiveservices.azure.com',
 *   credential: new AzureKeyCredential(process.env.LANGUAGE_KEY!),
 *   projectName: 'Parley', deploymentName: 'production', model,
 * });
 * const recognition = await recognizer.recognize({ text: 'book a repair for friday', locale: 'en-US', now: new Date(), timeZone: 'America/New_York' });
 */
export function createCluRecognizer(options: CluRecognizerOptions): Recognizer {
  checkOptions(options);
  let client: Promise<CluClient> | undefined = options.client ? Promise.resolve(options.client) : undefined;
  const clientOf = (): Promise<CluClient> => (client ??= createClient(options));

  return {
    name: cluProvider,
    async recognize(request: RecognizeRequest, recognizeOptions = {}): Promise<Recognition> {
      const signal = recognizeOptions.signal;
      signal?.throwIfAborted();
      const started = performance.now();
      const text = typeof request.text === 'string' ? request.text : '';
      // CLU rejects an empty query (400): nothing to understand, nothing to ask.
      if (!text.trim()) return { ...emptyRecognition(text, request.locale, cluProvider), latencyMs: performance.now() - started };
      let response: unknown;
      try {
        response = await (await clientOf()).analyzeConversation(taskFor(text, request, options), signal ? { abortSignal: signal } : {});
      } catch (error) {
        throw toCluCallError(error, signal);
      }
      const recognition = mapCluResult(response, { ...request, text }, options);
      return { ...recognition, latencyMs: performance.now() - started };
    },
  };
}

function taskFor(text: string, request: RecognizeRequest, options: CluRecognizerOptions): ConversationalTask {
  // CLU names languages in lower case (`en-us`); without one, the project's own language is used.
  const language = typeof request.locale === 'string' ? request.locale.trim().replaceAll('_', '-').toLowerCase() : '';
  return {
    kind: 'Conversation',
    analysisInput: {
      conversationItem: { id: '1', participantId: 'customer', text, modality: 'text', ...(language ? { language } : {}) },
    },
    // UTF-16 code units are what JavaScript strings count; logging is off: customer words stay out of the project.
    parameters: { projectName: options.projectName, deploymentName: options.deploymentName, verbose: true, isLoggingEnabled: false, stringIndexType: 'Utf16CodeUnit' },
  };
}

async function createClient(options: CluRecognizerOptions): Promise<CluClient> {
  const { ConversationAnalysisClient } = await import('@azure/ai-language-conversations');
  return new ConversationAnalysisClient(options.endpoint!, options.credential!, { retryOptions: { maxRetries: 0 }, ...options.clientOptions });
}

function checkOptions(options: CluRecognizerOptions): void {
  for (const key of ['projectName', 'deploymentName'] as const) {
    if (typeof options[key] !== 'string' || !options[key].trim()) throw new ConfigurationError(`azureClu.${key}`, 'is required: the CLU project and its deployment');
  }
  const threshold = options.threshold;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new ConfigurationError('azureClu.threshold', `must be between 0 and 1 (got ${threshold})`);
  if (options.client) return;
  if (!options.endpoint) throw new ConfigurationError('azureClu.endpoint', 'is required (https://<resource>.cognitiveservices.azure.com), unless a client is given');
  if (!options.credential) throw new ConfigurationError('azureClu.credential', 'is required (new AzureKeyCredential(key) or an Azure AD credential), unless a client is given');
  if (/^http:/i.test(options.endpoint) && options.clientOptions?.allowInsecureConnection !== true) {
    throw new ConfigurationError('azureClu.endpoint', 'is http://; use https://, or for a local emulator set clientOptions.allowInsecureConnection: true');
  }
}
