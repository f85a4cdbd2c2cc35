// The agent desk's JSON API, through app.request: the operator token, the list with each handoff's
// envelope, joining, writing and ending, the refusals, and the conversation's event stream.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandoffEnvelope, createLocalRelay, fixedClock, type Bot, type TurnInput } from 'parley-sdk';
import { createRuntimeMetrics } from 'parley-sdk/runtime';
import { createAgentDeskApp, type AgentDeskErrorBody, type DeskEntry, type DeskHandoffView } from '../../../channels/agent-desk/index.js';
import { referenceBot } from '../../support/reference-bot.js';
import { createCapturedLogger, postJson, readEvents, type SseFrame } from '../web/web-chat-fixtures.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const token = 'desk-operator-token-0123456789-abcdefghijklmnop';
const say = (text: string, conversationId: string): TurnInput => ({ conversationId, channel: 'web', content: { kind: 'text', text } });
const asOperator = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } });

let bot: Bot;
let app: Hono;
let relay: ReturnType<typeof createLocalRelay>;
let logLines: string[];
const shutdown = new AbortController();

beforeAll(async () => {
  relay = createLocalRelay();
  bot = await referenceBot({ clock, handoff: relay });
  const { logger, lines } = createCapturedLogger();
  logLines = lines;
  app = createAgentDeskApp({ bot, desk: relay.desk, token, logger, metrics: createRuntimeMetrics({ processMetrics: false }), proxyHops: 0, heartbeatMs: 50, maxMessageLength: 200, signal: shutdown.signal });
});

afterAll(async () => {
  shutdown.abort();
  await bot.close();
});

/** A web conversation mid-booking handed to a person; resolves with its handoff as the desk lists it. */
async function handOff(conversationId: string): Promise<DeskHandoffView> {
  await bot.handle(say('I need a repair on friday', conversationId));
  await bot.handle(say('my email is jo@example.com', conversationId));
  await bot.handle(say('agent please', conversationId));
  const listed = (await (await app.request('/api/handoffs', asOperator())).json()) as { handoffs: DeskHandoffView[] };
  const handoff = listed.handoffs.find((candidate) => candidate.conversationId === conversationId);
  if (!handoff) throw new Error(`no handoff listed for ${conversationId}`);
  return handoff;
}

const post = (path: string, body?: unknown) => app.request(path, asOperator(body === undefined ? { method: 'POST' } : postJson(body)));
const errorCode = async (response: Response) => ((await response.json()) as AgentDeskErrorBody).error.code;
const entryOf = (frame: SseFrame) => JSON.parse(frame.data ?? 'null') as DeskEntry;

describe('the agent desk API', () => {
  it('is behind the operator token; the page and its files are public and hold no data', async () => {
    const none = await app.request('/api/handoffs');
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await app.request('/api/handoffs', { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(401);
    expect((await app.request('/api/handoffs/x/join', postJson({ agentName: 'Sam' }))).status).toBe(401);
    expect((await app.request('/api/handoffs/x/events')).status).toBe(401);

    const off = createAgentDeskApp({ bot, desk: relay.desk, token: undefined, logger: createCapturedLogger().logger, metrics: createRuntimeMetrics({ processMetrics: false }), proxyHops: 0 });
    const refused = await off.request('/api/handoffs', asOperator());
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as AgentDeskErrorBody).error.message).toMatch(/PARLEY_OPERATOR_TOKEN/);

    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<title>Agent desk · Acme Telecom</title>');
    expect(html).toContain('maxlength="200"');
    expect(html).not.toMatch(/\{\{/);
    expect((await app.request('/assets/desk.js')).headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect((await app.request('/assets/desk.css')).status).toBe(200);
    expect((await app.request('/assets/index.html')).status).toBe(404);
    expect((await app.request('/assets/..%2Fdesk-page.ts')).status).toBe(404);

    // Mounted, the page is at /agent-desk/, so its files resolve beside it.
    const server = new Hono().route('/agent-desk', app);
    const bare = await server.request('/agent-desk');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('Location')).toBe('/agent-desk/');
    expect((await server.request('/agent-desk/')).headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await errorCode(await server.request('/agent-desk/elsewhere'))).toBe('not-found');
  });

  it('lists a waiting handoff with its envelope: reason, queue, summary, the task\'s slots and the redacted transcript up to the handoff', async () => {
    const handoff = await handOff('web-list');
    expect(handoff).toMatchObject({ conversationId: 'web-list', state: 'waiting', since: expect.any(String) });
    expect(handoff.handoffEntryId).toEqual(expect.any(Number));
    const envelope = handoff.envelope!;
    expect(envelope).toMatchObject({ reason: 'requested', queue: 'TechSupport', channel: 'web', locale: 'en-US' });
    expect(envelope.summary).toMatch(/technician visit/);
    expect(envelope.task).toMatchObject({ dialog: 'BookAppointment', slots: { date: '2030-03-08' } });
    expect(envelope.task!.missing.length).toBeGreaterThan(0);
    expect(envelope.transcript[0]).toMatchObject({ from: 'customer', text: 'I need a repair on friday' });
    expect(envelope.transcript.map((line) => line.text)).toContain('agent please');
    expect(JSON.stringify(handoff)).not.toContain('jo@example.com');

    // The transcript is cut at the handoff, however it grows after.
    await bot.handle(say('hello?', 'web-list'));
    const again = (await (await app.request('/api/handoffs', asOperator())).json()) as { handoffs: DeskHandoffView[] };
    expect(again.handoffs.find((candidate) => candidate.id === handoff.id)?.envelope?.transcript).toEqual(envelope.transcript);
  });

  it('joins, writes and ends a handoff, the conversation following live; logs name the conversation and the person, never the words', async () => {
    const handoff = await handOff('web-live');
    const events = readEvents(await app.request(`/api/handoffs/${handoff.id}/events`, asOperator()));

    const joined = await post(`/api/handoffs/${handoff.id}/join`, { agentName: ' Sam ' });
    expect(joined.status).toBe(200);
    expect(((await joined.json()) as { handoff: DeskHandoffView }).handoff).toMatchObject({ id: handoff.id, state: 'joined', agentName: 'Sam', envelope: { queue: 'TechSupport' } });
    const first = await events.until((frame) => frame.event === 'entry');
    expect(entryOf(first.at(-1)!)).toMatchObject({ from: 'agent', event: 'agent-joined', text: 'Sam' });
    // The stream starts after the handoff: nothing from before it.
    expect(Number(first.at(-1)!.id)).toBeGreaterThan(handoff.handoffEntryId!);

    await bot.handle(say('my router blinks red', 'web-live'));
    await events.until((frame) => frame.event === 'entry' && entryOf(frame).text === 'my router blinks red');

    const sent = await post(`/api/handoffs/${handoff.id}/messages`, { text: 'Let me check that for you.' });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ sent: true });
    await events.until((frame) => frame.event === 'entry' && entryOf(frame).from === 'agent' && entryOf(frame).text === 'Let me check that for you.');

    const ended = await post(`/api/handoffs/${handoff.id}/end`);
    expect(await ended.json()).toEqual({ id: handoff.id, ended: true });
    const last = await events.until((frame) => frame.event === 'end');
    expect(last.filter((frame) => frame.event === 'entry').map((frame) => entryOf(frame).event ?? entryOf(frame).from)).toEqual(['agent-left', 'bot']);
    expect(JSON.parse(last.at(-1)!.data!)).toEqual({ reason: 'left' });
    await events.ended();

    const listed = (await (await app.request('/api/handoffs', asOperator())).json()) as { handoffs: DeskHandoffView[] };
    expect(listed.handoffs.some((candidate) => candidate.id === handoff.id)).toBe(false);
    const back = await bot.handle(say('is there an outage in 94105?', 'web-live'));
    expect(back.messages[0]?.text).toMatch(/outage/i);

    const desk = logLines.filter((line) => line.includes('agent desk:'));
    expect(desk.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['agent desk: joined a handoff', 'agent desk: wrote to the customer', 'agent desk: ended a handoff']);
    for (const line of desk) expect(JSON.parse(line)).toMatchObject({ conversationId: 'web-live', agentName: 'Sam' });
    const all = logLines.join('');
    expect(all).not.toContain('Let me check');
    expect(all).not.toContain('router');
  });

  it('answers 404 for an unknown handoff, 409 for the wrong state, and 4xx for bad input, never 500', async () => {
    const handoff = await handOff('web-refusals');
    const id = handoff.id;
    for (const path of ['/api/handoffs/nope/join', '/api/handoffs/nope/messages', '/api/handoffs/nope/end']) {
      const answer = await post(path, path.endsWith('join') ? { agentName: 'Sam' } : path.endsWith('messages') ? { text: 'hi' } : undefined);
      expect([path, answer.status, await errorCode(answer)]).toEqual([path, 404, 'handoff-not-found']);
    }
    expect((await app.request('/api/handoffs/nope/events', asOperator())).status).toBe(404);

    const early = await post(`/api/handoffs/${id}/messages`, { text: 'too early' });
    expect([early.status, await errorCode(early)]).toEqual([409, 'handoff-not-joined']);
    expect((await post(`/api/handoffs/${id}/join`, { agentName: 'Sam' })).status).toBe(200);
    const twice = await post(`/api/handoffs/${id}/join`, { agentName: 'Kim' });
    expect([twice.status, await errorCode(twice)]).toEqual([409, 'handoff-not-waiting']);

    const long = await post(`/api/handoffs/${id}/messages`, { text: 'x'.repeat(201) });
    expect([long.status, await errorCode(long)]).toEqual([413, 'message-too-long']);
    expect((await post(`/api/handoffs/${id}/messages`, { text: '   ' })).status).toBe(400);
    expect((await post(`/api/handoffs/${id}/messages`, { text: 'bell\u0007' })).status).toBe(400);
    expect((await post(`/api/handoffs/${id}/join`, { agentName: 'x'.repeat(81) })).status).toBe(400);
    expect(await errorCode(await post(`/api/handoffs/${id}/messages`, '{not json'))).toBe('invalid-json');
    expect((await post(`/api/handoffs/${id}/messages`, { words: 'hi' })).status).toBe(422);
    expect((await app.request(`/api/handoffs/${id}/messages`, asOperator({ method: 'POST', body: 'hi', headers: { 'Content-Type': 'text/plain' } }))).status).toBe(415);
    const huge = await post(`/api/handoffs/${id}/messages`, { text: 'x'.repeat(20_000) });
    expect([huge.status, await errorCode(huge)]).toEqual([413, 'payload-too-large']);
    const badAfter = await app.request(`/api/handoffs/${id}/events?after=abc`, asOperator());
    expect([badAfter.status, await errorCode(badAfter)]).toEqual([400, 'invalid-payload']);

    expect((await post(`/api/handoffs/${id}/end`)).status).toBe(200);
    const over = await post(`/api/handoffs/${id}/end`);
    expect([over.status, await errorCode(over)]).toEqual([404, 'handoff-not-found']);
  });

  it('lists a handoff whose turn is not saved yet without its envelope, streams it from now on, and caps the streams', async () => {
    await bot.handle(say('my email is jo@example.com', 'web-early'));
    // The provider opens the handoff before the turn that decided it is saved.
    const at = clock.now().toISOString();
    const { id } = await relay.open(buildHandoffEnvelope({ conversationId: 'web-early', channel: 'web', directive: { queue: 'Billing', reason: 'requested' }, locale: 'en-US', at, task: null, transcript: [] }));
    const listed = (await (await app.request('/api/handoffs', asOperator())).json()) as { handoffs: DeskHandoffView[] };
    expect(listed.handoffs.find((handoff) => handoff.id === id)).toMatchObject({ conversationId: 'web-early', envelope: null, handoffEntryId: null });

    const capped = createAgentDeskApp({ bot, desk: relay.desk, token, logger: createCapturedLogger().logger, metrics: createRuntimeMetrics({ processMetrics: false }), proxyHops: 0, maxStreams: 1, heartbeatMs: 50, signal: shutdown.signal });
    const events = readEvents(await capped.request(`/api/handoffs/${id}/events`, asOperator()));
    const second = await capped.request(`/api/handoffs/${id}/events`, asOperator());
    expect([second.status, await errorCode(second), second.headers.get('Retry-After')]).toEqual([429, 'too-many-streams', '5']);
    await bot.append('web-early', [{ from: 'customer', text: 'hello?' }]);
    // Nothing from before: the customer's earlier words are not streamed.
    const read = await events.until((frame) => frame.event === 'entry');
    expect(read.filter((frame) => frame.event === 'entry').map((frame) => entryOf(frame).text)).toEqual(['hello?']);
    await post(`/api/handoffs/${id}/end`);
    await events.until((frame) => frame.event === 'end');
    await events.ended();
  });

  it('catches the desk up from the entry it names, and ends the stream once the handoff is gone', async () => {
    const handoff = await handOff('web-catch-up');
    await post(`/api/handoffs/${handoff.id}/join`, { agentName: 'Kim' });
    await post(`/api/handoffs/${handoff.id}/messages`, { text: 'Hello from Kim.' });
    await bot.handle(say('thanks', 'web-catch-up'));
    const transcript = (await bot.transcript('web-catch-up'))!;
    const joinedId = transcript.find((entry) => entry.event === 'agent-joined')!.id;

    const fromQuery = readEvents(await app.request(`/api/handoffs/${handoff.id}/events?after=${joinedId}`, asOperator()));
    const read = await fromQuery.until((frame) => frame.event === 'entry' && entryOf(frame).text === 'thanks');
    expect(read.filter((frame) => frame.event === 'entry').map((frame) => entryOf(frame).text)).toEqual(['Hello from Kim.', 'thanks']);
    const fromHeader = readEvents(await app.request(`/api/handoffs/${handoff.id}/events`, asOperator({ headers: { 'Last-Event-ID': String(joinedId + 1) } })));
    const next = await fromHeader.until((frame) => frame.event === 'entry');
    expect(entryOf(next.at(-1)!).text).toBe('thanks');

    // The customer's conversation is erased: the handoff closes, and the streams end.
    await bot.erase('web-catch-up');
    for (const stream of [fromQuery, fromHeader]) {
      const end = await stream.until((frame) => frame.event === 'end');
      expect(JSON.parse(end.at(-1)!.data!)).toEqual({ reason: 'gone' });
      await stream.ended();
    }
  });
});
