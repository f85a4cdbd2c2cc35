// Property-based fuzzing of the Bot Framework boundary (fast-check): random and mutated activities
// never make parseActivity throw, never get a 500 from POST /api/messages, and never change a
// conversation they do not name.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseActivity } from '../../../channels/bot-framework/index.js';
import { fuzzParameters, fuzzTimeout } from '../../support/fuzz.js';
import { captureLogs, createTestBot, messageActivity, mount, postActivity, startConnector } from './helpers.js';

let connector: Awaited<ReturnType<typeof startConnector>>;
let testBot: Awaited<ReturnType<typeof createTestBot>>;
let app: ReturnType<typeof mount>;
const bystander = 'bystander-conversation';
let snapshot: () => Promise<string>;

beforeAll(async () => {
  connector = await startConnector();
  testBot = await createTestBot();
  app = mount({ bot: testBot.bot, logger: captureLogs().logger, welcomeEvent: 'Greeting' });
  const booked = await postActivity(app, messageActivity('I need a repair tomorrow at 3pm', { conversation: { id: bystander }, deliveryMode: 'expectReplies' }));
  expect(booked.status).toBe(200);
  snapshot = async () => JSON.stringify([await testBot.bot.transcript(`bf:emulator:${bystander}`), await testBot.bot.view(`bf:emulator:${bystander}`)]);
});
afterAll(() => connector.close());

const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('yes', 'cancel', 'I need a repair', '<at>Bot</at> hi', ''));
const account = fc.record({ id: fc.oneof(fc.constantFrom('user-1', 'bot-1'), fc.string({ maxLength: 10 })), name: fc.string({ maxLength: 10 }), role: fc.constantFrom('user', 'bot', 'skill', 'x') }, { requiredKeys: [] });

/** An activity: a real one with fields replaced, removed or added, in any combination. */
const activities = fc
  .record({
    type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation', 'messageReaction', 'trace'), fc.string({ maxLength: 12 })),
    text,
    id: fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('act-1', 'act-2')), { nil: undefined }),
    conversation: fc.oneof(
      fc.record({ id: fc.oneof(fc.constantFrom('fuzz-1', 'fuzz-2', 'a:1Jr9|livechat', '19:abc@thread.tacv2;messageid=1'), fc.string({ maxLength: 30 })), isGroup: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['id'] }),
      fc.jsonValue(),
    ),
    channelId: fc.oneof(fc.constantFrom('emulator', 'msteams', 'directline', 'webchat'), fc.string({ maxLength: 12 })),
    serviceUrl: fc.oneof(fc.constant(''), fc.constantFrom('http://127.0.0.1:9', 'https://smba.trafficmanager.net/amer/', 'ftp://x', 'javascript:alert(1)'), fc.webUrl()),
    from: fc.oneof(account, fc.jsonValue()),
    recipient: account,
    value: fc.jsonValue(),
    name: fc.oneof(fc.constantFrom('Greeting', 'CheckOrderStatus', 'handoff.initiate'), fc.string({ maxLength: 20 })),
    membersAdded: fc.oneof(fc.array(account, { maxLength: 3 }), fc.jsonValue()),
    entities: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 2 }), fc.jsonValue()),
    locale: fc.oneof(fc.constantFrom('en-US', 'es-US', 'xx'), fc.string({ maxLength: 10 })),
    deliveryMode: fc.constantFrom('expectReplies', 'normal', undefined, 'other'),
    timestamp: fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.string({ maxLength: 10 })),
  }, { requiredKeys: [] })
  .chain((fields) => fc.tuple(fc.constant(fields), fc.subarray(Object.keys(fields)), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 2 })))
  .map(([fields, dropped, extra]) => {
    const activity: Record<string, unknown> = { ...extra, ...messageActivity('hi'), ...fields };
    for (const key of dropped) delete activity[key];
    // The bystander is never named, so nothing may change it.
    const conversation = activity.conversation as { id?: unknown } | undefined;
    if (conversation && typeof conversation === 'object' && conversation.id === bystander) conversation.id = 'fuzz-1';
    return activity;
  });

/** Well-formed message and event activities with random content: these reach the turn pipeline. */
const wellFormed = fc
  .record({
    type: fc.constantFrom('message', 'message', 'event', 'conversationUpdate'),
    text,
    value: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.record({ intent: fc.constantFrom('CheckOrderStatus', 'Nope', '../x') }, { requiredKeys: [] })),
    name: fc.constantFrom('Greeting', 'CheckOrderStatus', 'Unknown'),
    locale: fc.constantFrom('en-US', 'es-US', 'fr-FR', 'xx', ''),
    conversation: fc.constantFrom('fuzz-1', 'fuzz-2', 'fuzz-3').map((id) => ({ id })),
    deliveryMode: fc.constantFrom('expectReplies', 'normal', undefined),
    id: fc.option(fc.constantFrom('dup-1', 'dup-2', 'dup-3'), { nil: undefined }),
    entities: fc.array(fc.oneof(fc.jsonValue(), fc.constant({ type: 'mention', mentioned: { id: 'bot-1' }, text: '<at>Bot</at>' })), { maxLength: 2 }),
    membersAdded: fc.array(account, { maxLength: 2 }),
  }, { requiredKeys: ['type', 'conversation'] })
  .map((fields) => ({ ...messageActivity('hi'), serviceUrl: 'http://127.0.0.1:9', ...fields }));

/** Loopback serviceUrls go to the connector stand-in, so normal delivery can succeed. */
const routed = fc.oneof({ arbitrary: activities, weight: 1 }, { arbitrary: wellFormed, weight: 1 }).map((activity) => (typeof activity.serviceUrl === 'string' && activity.serviceUrl.startsWith('http://127.0.0.1') ? { ...activity, serviceUrl: connector.url } : activity));

describe('Bot Framework activities under fuzzing', () => {
  it('parseActivity reads or refuses anything, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(activities, fc.jsonValue()), (body) => {
        const parsed = parseActivity(body, { welcomeEvent: 'Greeting', acceptsEvent: () => true });
        expect(['turn', 'ignore', 'invalid']).toContain(parsed.kind);
      }),
      fuzzParameters(3000),
    );
  });

  it('POST /api/messages answers every random activity without a 500, and leaves other conversations alone', async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: routed, weight: 5 }, { arbitrary: fc.jsonValue(), weight: 1 }), async (body) => {
        const response = await postActivity(app, JSON.stringify(body));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, JSON.stringify(body).slice(0, 300)).not.toBe(500);
        if (response.status >= 400) expect(typeof ((await response.json()) as { error: { code: unknown } }).error.code).toBe('string');
      }),
      fuzzParameters(800),
    );
    expect(await snapshot()).toBe(before);
    // Turns ran: the fuzzer got past the front door.
    expect(statuses.get(200)).toBeGreaterThan(50);
  }, fuzzTimeout(800, 20));
});
