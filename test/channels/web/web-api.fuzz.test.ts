// Property-based fuzzing of the web chat API (fast-check): random and mutated requests, with and
// without tokens, never get a 500, always get a JSON error body when refused, and never change a
// conversation the request has no token for.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebChat, testTokenSecret, type WebChatFixture } from './web-chat-fixtures.js';
import { createConversationTokens } from '../../../channels/web/index.js';
import { fuzzParameters, fuzzTimeout } from '../../support/fuzz.js';

let chat: WebChatFixture;
/** A conversation no fuzzed request holds the token of: it must never change. */
let bystander: string;
/** The fuzzer's own conversation, whose token it holds, to reach the turn pipeline. */
let own: string;
let snapshot: () => Promise<string>;

beforeAll(async () => {
  chat = await createWebChat({ heartbeatMs: 60_000 });
  bystander = await chat.start();
  await chat.send(bystander, { text: 'I need a repair tomorrow at 3pm' });
  own = await chat.start();
  snapshot = async () => JSON.stringify([await chat.transcript(bystander), await chat.bot.view(bystander)]);
});

const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '..', '%00', '\u202e', 'web-', 'bf:emulator:x'));

/** The ids a request may name: the two conversations, near misses of them, and junk. */
const conversationIds = fc.oneof(
  fc.constantFrom(() => own, () => bystander).map((id) => id()),
  fc.uuid().map((uuid) => `web-${uuid}`),
  anyText.map((text) => encodeURIComponent(text)),
  fc.constantFrom('bf:emulator:conv-1', 'web-', `web-${'a'.repeat(300)}`, '.hidden', '%2E%2E'),
);

/** Authorization headers: the fuzzer's own token, the bystander's id signed by another key, junk. */
const authorizations = fc.oneof(
  fc.constant(() => `Bearer ${chat.token(own)}`),
  fc.constant(() => `Bearer ${createConversationTokens({ secret: 'someone-elses-secret-0123456789abcdef' }).issue(bystander).token}`),
  fc.constant(() => `Bearer ${createConversationTokens({ secret: testTokenSecret, now: () => 0 }).issue(bystander).token}`),
  anyText.map((text) => () => `Bearer ${text}`),
  anyText.map((text) => () => text),
  fc.constant(() => undefined),
);

/** Message bodies: the valid shapes with random values, and random JSON. */
const jsonBodies = fc.oneof(
  fc.record({ text: fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue()) }, { requiredKeys: [] }),
  fc.record(
    {
      text: fc.oneof(fc.constantFrom('I need a repair tomorrow at 3pm', 'yes', 'no', 'cancel', 'where is order AB123456', 'help'), fc.string({ maxLength: 60 })),
      clientMessageId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/), anyText),
      locale: fc.oneof(fc.constantFrom('en-US', 'es-US', 'fr'), anyText),
    },
    { requiredKeys: ['text'] },
  ),
  fc.record({ event: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('Greeting', 'CardSubmit'), anyText), value: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()) }),
  fc.jsonValue(),
).map((value) => JSON.stringify(value));

/** Bodies: JSON, or bytes that are not JSON at all. */
const bodies = fc.oneof({ arbitrary: jsonBodies, weight: 4 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 });

/** Anything at all, aimed anywhere. */
const randomRequests = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD'),
  route: fc.constantFrom('/messages', '/events', '/token', '', '/messages?after=', '/messages?after=abc', '/events?after=99999999999999999999', '/nothing'),
  id: conversationIds,
  authorization: authorizations,
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', undefined),
  body: fc.option(bodies, { nil: undefined }),
  lastEventId: fc.option(fc.oneof(fc.nat().map(String), anyText), { nil: undefined }),
});

/** Messages to the fuzzer's own conversation, with its token: these reach the turn pipeline. */
const ownMessages = fc.record({
  method: fc.constant('POST'),
  route: fc.constant('/messages'),
  id: fc.constant(null).map(() => own),
  authorization: fc.constant(() => `Bearer ${chat.token(own)}`),
  contentType: fc.constant('application/json'),
  body: jsonBodies,
  lastEventId: fc.constant(undefined),
});

const requests = fc.oneof({ arbitrary: randomRequests, weight: 3 }, { arbitrary: ownMessages, weight: 2 });

describe('web chat API under fuzzing', () => {
  it('answers every random request without a 500, with a JSON error when it refuses, and leaves conversations it has no token for alone', async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const headers = new Headers();
        const authorization = request.authorization();
        if (authorization !== undefined) {
          try {
            headers.set('Authorization', authorization);
          } catch {
            return; // not a header value a client can send at all
          }
        }
        if (request.contentType) headers.set('Content-Type', request.contentType);
        if (request.lastEventId !== undefined) {
          try {
            headers.set('Last-Event-ID', request.lastEventId);
          } catch {
            // as above
          }
        }
        const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
        const [path, query] = request.route.split('?');
        let url: string;
        try {
          url = new URL(`http://localhost/api/conversations/${request.id}${path}${query === undefined ? '' : `?${query}`}`).toString();
        } catch {
          return;
        }
        const response = await chat.app.request(url, { method: request.method, headers, body: hasBody ? request.body : undefined });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${request.method} ${url}`).toBeLessThan(500);
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
          await response.body?.cancel();
          return;
        }
        const text = await response.text();
        if (response.status >= 400 && request.method !== 'HEAD') {
          const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof body.error?.code).toBe('string');
          expect(typeof body.error?.message).toBe('string');
        }
      }),
      fuzzParameters(600),
    );
    expect(await snapshot()).toBe(before);
    // The fuzzer reached the turn pipeline, not just the front door.
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect((await chat.transcript(own)).length).toBeGreaterThan(0);
  }, fuzzTimeout(600, 20));
});
