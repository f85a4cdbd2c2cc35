import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderCallError } from '../../../src/core/errors.js';
import { createLexV2Recognizer } from '../../../src/nlu/lex-v2/index.js';
import { lexClient, startLexFixture, type LexFixture } from './lex-fixture.js';

let lex: LexFixture;
beforeAll(async () => {
  lex = await startLexFixture();
});
afterEach(() => lex.emulator.setFaults({}));
afterAll(() => lex?.close());

async function failure(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('Lex V2 recognizer: the emulator fault knobs, through the real SDK', () => {
  it('maps a server error (500 InternalFailureException) to a retryable ProviderCallError', async () => {
    lex.emulator.setFaults({ errorRate: 1 });
    const error = await failure(lex.recognize('hello'));
    expect(error).toMatchObject({ code: 'provider-call', provider: 'lex-v2', operation: 'RecognizeText', retryable: true });
    expect(error.message).toContain('InternalFailureException (HTTP 500)');
    expect(lex.emulator.calls.at(-1)).toMatchObject({ fault: 'error', status: 500, errorType: 'InternalFailureException' });
  });

  it('maps throttling (429 ThrottlingException) to a retryable error', async () => {
    lex.emulator.setFaults({ throttleRate: 1 });
    const error = await failure(lex.recognize('hello'));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ThrottlingException (HTTP 429)');
    expect((error.cause as Error).name).toBe('ThrottlingException');
  });

  it('reports a malformed answer clearly, as not retryable', async () => {
    lex.emulator.setFaults({ malformedRate: 1 });
    const error = await failure(lex.recognize('hello'));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^lex-v2 RecognizeText: Lex answered with a body that cannot be read \(SyntaxError: /);
    expect(lex.emulator.calls.at(-1)).toMatchObject({ fault: 'malformed', status: 200 });
  });

  // The emulator never answers a hanging call, so only the signal can end it: the rejection with its
  // reason is the proof. How soon an abandoned call lets go is measured by `npm run bench:router`.
  // The signal allows a second for the call to reach the emulator, a loaded machine included.
  it('gives up on a hanging call when the signal times out, with the signal reason', async () => {
    lex.emulator.setFaults({ hangRate: 1 });
    const before = lex.emulator.calls.length;
    const error = await lex.recognize('hello', {}, { signal: AbortSignal.timeout(1_000) }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(lex.emulator.calls.length).toBe(before + 1);
    expect(lex.emulator.calls.at(-1)?.fault).toBe('hang');
    expect(lex.emulator.calls.at(-1)?.status).toBeUndefined();
  });

  it('stops when the caller aborts, and never calls Lex for an already aborted signal', async () => {
    lex.emulator.setFaults({ hangRate: 1 });
    const controller = new AbortController();
    const before = lex.emulator.calls.length;
    const pending = lex.recognize('hello', {}, { signal: controller.signal });
    // Abort once the call is hanging in the emulator (not on a timer that a slow machine may beat).
    await vi.waitFor(() => expect(lex.emulator.calls[before]?.fault).toBe('hang'), { timeout: 20_000 });
    controller.abort(new Error('the turn moved on'));
    await expect(pending).rejects.toThrow('the turn moved on');
    const calls = lex.emulator.calls.length;
    await expect(lex.recognize('hello', {}, { signal: controller.signal })).rejects.toThrow('the turn moved on');
    expect(lex.emulator.calls.length).toBe(calls);
  });

  it('adds the configured latency and still answers', async () => {
    lex.emulator.setFaults({ latencyMs: 200 });
    const recognition = await lex.recognize('hello');
    expect(recognition.topIntent).toBe('Hello');
    // What the emulator did, not how long the call took: elapsed time belongs to bench/.
    expect(lex.emulator.calls.at(-1)).toMatchObject({ fault: 'answer', delayMs: 200, status: 200 });
  });

  it('does not retry what the caller must fix: an unknown bot, alias or locale (404), invalid input (400)', async () => {
    const unknownBot = await failure(lex.recognizerFor({ botId: 'NOSUCHBOT1' }).recognize({ text: 'hello', locale: 'en-US', now: new Date(), timeZone: 'UTC' }));
    expect(unknownBot).toMatchObject({ retryable: false });
    expect(unknownBot.message).toContain('ResourceNotFoundException (HTTP 404)');
    const unknownAlias = await failure(lex.recognizerFor({ botAliasId: 'PRODALIAS1' }).recognize({ text: 'hello', locale: 'en-US', now: new Date(), timeZone: 'UTC' }));
    expect(unknownAlias.message).toContain('ResourceNotFoundException');
    const unknownLocale = await failure(lex.recognizerFor({ localeId: 'fr_FR' }).recognize({ text: 'bonjour', locale: 'fr-FR', now: new Date(), timeZone: 'UTC' }));
    expect(unknownLocale).toMatchObject({ retryable: false });
    const tooLong = await failure(lex.recognize('pizza '.repeat(200)));
    expect(tooLong).toMatchObject({ retryable: false });
    expect(tooLong.message).toContain('ValidationException (HTTP 400)');
    const badSlot = await failure(lex.recognize('large', { expecting: { intent: 'OrderPizza', slot: 'topping' } }));
    expect(badSlot.message).toContain('ValidationException');
  });

  it('maps a refused connection to a retryable error', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const client = lexClient(`http://127.0.0.1:${port}`);
    const recognizer = createLexV2Recognizer({ botId: 'PARLEYBOT1', botAliasId: 'TSTALIASID', client });
    const error = await failure(recognizer.recognize({ text: 'hello', locale: 'en-US', now: new Date(), timeZone: 'UTC' }));
    client.destroy();
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });
});
