// The Amazon Lex V2 recognizer's public surface. Nothing here loads the AWS SDK until a call is made.

// Commonly used
export { createLexV2Recognizer, type LexV2RecognizerOptions } from './lex-v2-recognizer.js';
export { readLexV2Details, type LexV2Details, type LexV2SlotValues, type SentimentLabel } from './lex-v2-details.js';

// Advanced: calling Lex yourself (RecognizeUtterance, PutSession) and mapping what it answers
export { decodeLexV2Header, encodeLexV2Header } from './lex-v2-header-codec.js';
export { mapLexV2Response, type LexV2MappingContext } from './map-lex-v2-response.js';
export { lexV2IntentNames, type LexV2IntentNames } from './lex-v2-intent-names.js';
export { lexV2SessionId, lexV2SessionState, toLexV2LocaleId, fromLexV2LocaleId } from './lex-v2-session.js';
export { toLexV2Error } from './lex-v2-errors.js';
export { locateSlotValue, type Span } from './locate-slot-value.js';
export { fallbackIntentName, type LexV2Response, type LexV2Interpretation, type LexV2Intent, type LexV2Slot, type LexV2Value } from './lex-v2-response.js';
