/**
 * What the SDK never sends, sent by hand over HTTP/2: the emulator must refuse it as Lex does.
 */
import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLexFixture, type LexFixture } from './lex-fixture.js';

let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture();
});
afterAll(() => lex?.close());

const signature = `AWS4-HMAC-SHA256 Credential=AKIDFAKE/20300304/us-east-1/lex/aws4_request, SignedHeaders=:authority;content-type, Signature=${'a'.repeat(64)}`;
const textPath = '/bots/PARLEYBOT1/botAliases/TSTALIASID/botLocales/en_US/sessions/raw-1/text';

interface RawAnswer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

function post(url: string, path: string, body: string, headers: Record<string, string> = { authorization: signature }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json', ...headers });
    let text = '';
    let answer: http2.IncomingHttpHeaders = {};
    stream.setEncoding('utf8');
    stream.on('response', (received) => (answer = received));
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => {
      session.close();
      resolve({ status: Number(answer[':status']), headers: answer, body: text });
    });
    stream.on('error', (error) => {
      session.destroy();
      reject(error);
    });
    stream.end(body);
  });
}

describe('Lex runtime emulator: requests Lex refuses', () => {
  it('asks for a SigV4 signature for lex (present, not verified)', async () => {
    const unsigned = await post(lex.emulator.url, textPath, '{"text":"hello"}', {});
    expect(unsigned).toMatchObject({ status: 403, headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' } });
    const otherService = await post(lex.emulator.url, textPath, '{"text":"hello"}', { authorization: signature.replace('/lex/', '/polly/') });
    expect(otherService.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
    const signed = await post(lex.emulator.url, textPath, '{"text":"hello"}');
    expect(signed.status).toBe(200);
    const answer = JSON.parse(signed.body);
    expect(answer.sessionId).toBe('raw-1');
    expect(answer.interpretations[0].intent.name).toBe('Hello');
  });

  it('answers a body it cannot read with a ValidationException', async () => {
    for (const body of ['{"text":', '[]', '{"text":""}', '{"text":"hi","requestAttributes":{"n":1}}', '{"text":"hi","sessionState":{"dialogAction":{"type":"Wander"}}}']) {
      const answer = await post(lex.emulator.url, textPath, body);
      expect(answer, body).toMatchObject({ status: 400, headers: { 'x-amzn-errortype': 'ValidationException', 'content-type': 'application/json' } });
      expect(JSON.parse(answer.body).message).toEqual(expect.any(String));
    }
  });

  it('refuses an invalid session id, and unknown bots and operations', async () => {
    const badSession = await post(lex.emulator.url, textPath.replace('raw-1', 'x'), '{"text":"hello"}');
    expect(badSession.headers['x-amzn-errortype']).toBe('ValidationException');
    const unknownBot = await post(lex.emulator.url, textPath.replace('PARLEYBOT1', 'OTHERBOT01'), '{"text":"hello"}');
    expect(unknownBot).toMatchObject({ status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } });
    const putSession = await post(lex.emulator.url, textPath.replace(/\/text$/, ''), '{}');
    expect(putSession).toMatchObject({ status: 404, headers: { 'x-amzn-errortype': 'UnknownOperationException' } });
  });

  it('counts and logs every call for assertions', async () => {
    const before = lex.emulator.calls.length;
    await post(lex.emulator.url, textPath, '{"text":"hello"}');
    expect(lex.emulator.calls.length).toBe(before + 1);
    expect(lex.emulator.calls.at(-1)).toMatchObject({ operation: 'RecognizeText', method: 'POST', path: textPath, body: '{"text":"hello"}', status: 200, fault: 'answer' });
  });

  it('ends hanging calls when it closes', async () => {
    const own = await startLexFixture({ faults: { hangRate: 1 } });
    try {
      const pending = own.recognize('hello').then(
        () => 'answered',
        (error: unknown) => error,
      );
      await vi.waitFor(() => expect(own.emulator.calls).toMatchObject([{ fault: 'hang' }]), { timeout: 20_000 });
      // The emulator closes, not the client: only the emulator's close can end this call.
      await own.emulator.close();
      expect(await pending).toMatchObject({ code: 'provider-call', retryable: true });
    } finally {
      await own.close();
    }
  });
});
