/**
 * The header encoding of Lex V2's RecognizeUtterance and PutSession: JSON, gzipped, then base64.
 * The SDK hands these headers over as the raw strings, so whoever calls those operations decodes them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

const gzipMagic = [0x1f, 0x8b] as const;

/**
 * Decodes an `x-amz-lex-*` header: base64, gunzipped when gzipped, then JSON. Requests may carry plain
 * base64 JSON (the SDK sends what it is given), answers are always gzipped; both are read.
 *
 * @example
 * const interpretations = decodeLexV2Header<Interpretation[]>(response.interpretations!);
 */
export function decodeLexV2Header<T = unknown>(header: string): T {
  const bytes = Buffer.from(header, 'base64');
  const json = bytes[0] === gzipMagic[0] && bytes[1] === gzipMagic[1] ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString('utf8')) as T;
}

/**
 * Encodes a value as Lex V2 writes its `x-amz-lex-*` headers: JSON, gzipped, base64.
 *
 * @example
 * await client.send(new RecognizeUtteranceCommand({ ...ids, sessionState: encodeLexV2Header({ sessionAttributes: { plan: 'gold' } }), ... }));
 */
export function encodeLexV2Header(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}
