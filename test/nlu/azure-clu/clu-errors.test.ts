import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProviderCallError } from '../../../src/core/errors.js';
import { createCluRecognizer } from '../../../src/nlu/azure-clu/index.js';
import type { CluEmulator } from '../../../src/testing/emulators/clu/index.js';
import { clientFor, model, recognizerFor, request, startEmulator } from './clu-fixture.js';

let clu: CluEmulator;
beforeAll(async () => {
  clu = await startEmulator();
});
afterEach(() => clu.setFaults({}));
afterAll(() => clu.close());

/** The error a recognition fails with. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the recognition to fail');
}

async function providerError(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ProviderCallError);
  const call = error as ProviderCallError;
  expect(call).toMatchObject({ code: 'provider-call', provider: 'azure-clu', operation: 'analyzeConversation' });
  return call;
}

describe('Azure CLU recognizer: failures', () => {
  it('a server error (500) is retryable', async () => {
    clu.setFaults({ errorRate: 1 });
    const error = await providerError(recognizerFor(clu).recognize(request('where is my order')));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/HTTP 500 InternalServerError/);
    expect(clu.calls.at(-1)?.status).toBe(500);
  });

  it('throttling (429 with Retry-After) is retryable', async () => {
    clu.setFaults({ throttleRate: 1 });
    const error = await providerError(recognizerFor(clu).recognize(request('where is my order')));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/HTTP 429 TooManyRequests/);
  });

  it('a malformed answer is a clear, non-retryable error that does not repeat the body', async () => {
    clu.setFaults({ malformedRate: 1 });
    const error = await providerError(recognizerFor(clu).recognize(request('where is my order')));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('azure-clu analyzeConversation: HTTP 200: the answer is not JSON');
  });

  // The emulator never answers a hanging call, so only the signal can end it: the rejection with its
  // reason is the proof. How soon an abandoned call lets go is measured by `npm run bench:router`.
  // The signal allows a second for the call to reach the emulator, a loaded machine included.
  it('a hanging call is ended by the caller’s time-out, rejecting with its TimeoutError', async () => {
    clu.setFaults({ hangRate: 1 });
    const before = clu.calls.length;
    const error = await failure(recognizerFor(clu).recognize(request('where is my order'), { signal: AbortSignal.timeout(1_000) }));
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(clu.calls.length).toBe(before + 1);
    expect(clu.calls.at(-1)?.status).toBe('hang');
  });

  it('a call the caller aborts rejects with the caller’s reason', async () => {
    clu.setFaults({ hangRate: 1 });
    const controller = new AbortController();
    const before = clu.calls.length;
    const pending = recognizerFor(clu).recognize(request('where is my order'), { signal: controller.signal });
    await vi.waitFor(() => expect(clu.calls.length).toBe(before + 1), { timeout: 20_000 });
    controller.abort(new Error('customer hung up'));
    expect(await failure(pending)).toEqual(new Error('customer hung up'));
  });

  it('closing the emulator ends a hanging call (a retryable network failure)', async () => {
    const closing = await startEmulator({ faults: { hangRate: 1 } });
    const pending = recognizerFor(closing).recognize(request('where is my order'));
    await vi.waitFor(() => expect(closing.calls).toMatchObject([{ status: 'hang' }]), { timeout: 20_000 });
    await closing.close();
    const error = await providerError(pending);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/network failure/);
  });

  it('a wrong key is a non-retryable authentication error (401)', async () => {
    const recognizer = createCluRecognizer({ client: clientFor(clu, 'wrong-key'), projectName: 'Parley', deploymentName: 'production', model });
    const error = await providerError(recognizer.recognize(request('where is my order')));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/HTTP 401: Access denied.*check the credential/);
  });

  it('an unknown project or deployment is a non-retryable 404', async () => {
    for (const names of [{ projectName: 'Nope' }, { deploymentName: 'staging' }]) {
      const error = await providerError(recognizerFor(clu, names).recognize(request('where is my order')));
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/HTTP 404 (ProjectNotFound|NotFound).*check projectName, deploymentName/);
    }
  });

  it('an unreachable service is a retryable network failure', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const recognizer = createCluRecognizer({
      endpoint: `http://127.0.0.1:${port}`,
      credential: { key: 'k' },
      projectName: 'Parley',
      deploymentName: 'production',
      clientOptions: { allowInsecureConnection: true },
    });
    const error = await providerError(recognizer.recognize(request('where is my order')));
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/network failure \(ECONNREFUSED\)/) });
  });
});
