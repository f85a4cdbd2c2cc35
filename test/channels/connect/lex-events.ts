// Lex V2 code-hook events as Lex sends them for the reference assistant, for the handler's tests.
import { randomUUID } from 'node:crypto';

export interface LexEventOptions {
  text: string;
  sessionId?: string;
  /** The intent Lex chose, with the slots it filled this turn (values as said and as interpreted). */
  intent?: string;
  slots?: Record<string, { said: string; value: string } | null>;
  confidence?: number;
  sessionAttributes?: Record<string, string>;
  requestId?: string;
  inputMode?: 'Text' | 'Speech' | 'DTMF';
  invocationSource?: 'DialogCodeHook' | 'FulfillmentCodeHook';
  sentiment?: 'NEGATIVE' | 'POSITIVE' | 'NEUTRAL' | 'MIXED';
}

export function lexEvent(options: LexEventOptions): Record<string, any> {
  const slots = Object.fromEntries(Object.entries(options.slots ?? {}).map(([name, slot]) => [name, slot && { shape: 'Scalar', value: { originalValue: slot.said, interpretedValue: slot.value, resolvedValues: [slot.value] } }]));
  const intent = { name: options.intent ?? 'FallbackIntent', slots, state: 'InProgress', confirmationState: 'None' };
  const chosen: Record<string, any> = { intent, interpretationSource: 'Lex' };
  if (options.intent) chosen.nluConfidence = options.confidence ?? 0.93;
  if (options.sentiment) chosen.sentimentResponse = { sentiment: options.sentiment, sentimentScore: { positive: 0.01, negative: 0.97, neutral: 0.01, mixed: 0.01 } };
  const fallback = { intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' }, interpretationSource: 'Lex' };
  return {
    messageVersion: '1.0',
    invocationSource: options.invocationSource ?? 'DialogCodeHook',
    inputMode: options.inputMode ?? 'Text',
    responseContentType: options.inputMode && options.inputMode !== 'Text' ? 'audio/pcm' : 'text/plain; charset=utf-8',
    sessionId: options.sessionId ?? 'contact-1',
    inputTranscript: options.text,
    bot: { id: 'PARLEYBOT1', name: 'AcmeTelecom', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: 'en_US', version: 'DRAFT' },
    interpretations: options.intent ? [chosen, fallback] : [fallback],
    requestAttributes: {},
    sessionState: { sessionAttributes: options.sessionAttributes ?? {}, activeContexts: [], intent, originatingRequestId: options.requestId ?? randomUUID() },
    transcriptions: [{ transcription: options.text, transcriptionConfidence: 1, resolvedContext: { intent: intent.name }, resolvedSlots: {} }],
  };
}

/** A Lambda context with this much time left. */
export function lambdaContext(remainingMs: number) {
  return { getRemainingTimeInMillis: () => remainingMs, awsRequestId: randomUUID() };
}
