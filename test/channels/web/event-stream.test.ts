import { beforeAll, describe, expect, it } from 'vitest';
import { createWebChat, entryOf, readEvents, waitFor, type ErrorBody, type SseFrame, type WebChatFixture } from './web-chat-fixtures.js';

let chat: WebChatFixture;
beforeAll(async () => {
  chat = await createWebChat({ heartbeatMs: 60 });
});

async function bookedConversation(): Promise<string> {
  const conversationId = await chat.start();
  await chat.send(conversationId, { text: 'I need a repair tomorrow at 3pm' });
  await chat.send(conversationId, { text: 'yes' });
  return conversationId;
}

const messagesOf = (frames: SseFrame[]) => frames.filter((frame) => frame.event === 'message');

describe('web chat event stream', () => {
  it('replays entries after Last-Event-ID, then delivers an entry appended outside a turn', async () => {
    const conversationId = await bookedConversation();
    const response = await chat.request(`/api/conversations/${conversationId}/events`, { headers: { 'Last-Event-ID': '2' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/no-cache|no-store/);
    const events = readEvents(response);
    const replay = messagesOf(await events.until((frame) => frame.id === '4'));
    expect(replay.map((frame) => frame.id)).toEqual(['3', '4']);
    expect(entryOf(replay[1]!)).toMatchObject({ id: 4, from: 'bot', text: expect.stringMatching(/booked/) });

    // A person answers after a handoff: not a turn, just an entry in the transcript.
    await chat.bot.append(conversationId, [{ from: 'agent', text: 'Hi, this is Sam from TechSupport.' }], { channel: 'web' });
    const live = messagesOf(await events.until((frame) => frame.event === 'message'));
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ id: '5', event: 'message' });
    expect(entryOf(live[0]!)).toMatchObject({ id: 5, from: 'agent', text: 'Hi, this is Sam from TechSupport.', at: expect.any(String) });
    await events.close();
  });

  it('replays from ?after= when there is no Last-Event-ID, and prefers the header when both are sent', async () => {
    const conversationId = await bookedConversation();
    const fromQuery = readEvents(await chat.request(`/api/conversations/${conversationId}/events?after=3`));
    expect(messagesOf(await fromQuery.until((frame) => frame.id === '4')).map((frame) => frame.id)).toEqual(['4']);
    await fromQuery.close();

    const both = readEvents(await chat.request(`/api/conversations/${conversationId}/events?after=0`, { headers: { 'Last-Event-ID': '3' } }));
    expect(messagesOf(await both.until((frame) => frame.id === '4')).map((frame) => frame.id)).toEqual(['4']);
    await both.close();

    const everything = readEvents(await chat.request(`/api/conversations/${conversationId}/events`));
    expect(messagesOf(await everything.until((frame) => frame.id === '4')).map((frame) => frame.id)).toEqual(['1', '2', '3', '4']);
    await everything.close();
  });

  it('streams the entries of later turns, once each, and tells browsers how soon to reconnect', async () => {
    const conversationId = await chat.start();
    const events = readEvents(await chat.request(`/api/conversations/${conversationId}/events`));
    const [hello] = await events.until(() => true);
    expect(hello!.retry).toMatch(/^\d+$/);
    await chat.send(conversationId, { text: 'I need a repair tomorrow at 3pm' });
    const frames = messagesOf(await events.until((frame) => frame.id === '2'));
    expect(frames.map((frame) => entryOf(frame).from)).toEqual(['customer', 'bot']);
    expect(entryOf(frames[1]!).quickReplies).toEqual([{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }]);
    await events.close();
  });

  it('sends a keep-alive comment every heartbeatMs while nothing happens', async () => {
    const conversationId = await chat.start();
    const events = readEvents(await chat.request(`/api/conversations/${conversationId}/events`));
    const frames = await events.until((frame) => frame.comments.includes('keep-alive'));
    expect(frames.filter((frame) => frame.event === 'message')).toEqual([]);
    await events.until((frame) => frame.comments.includes('keep-alive'));
    await events.close();
  });

  it('stops watching the transcript when the client goes away', async () => {
    const conversationId = await chat.start();
    const before = chat.watching();
    const events = readEvents(await chat.request(`/api/conversations/${conversationId}/events`));
    await events.until(() => true);
    expect(chat.watching()).toBe(before + 1);
    await events.close();
    await waitFor(() => chat.watching() === before);
  });

  it('closes open streams when the shutdown signal aborts', async () => {
    const shutdown = new AbortController();
    const closing = await createWebChat({ bot: chat.bot, signal: shutdown.signal, heartbeatMs: 10_000 });
    const conversationId = await closing.start();
    const streams = [0, 1].map(() => closing.request(`/api/conversations/${conversationId}/events`));
    const events = (await Promise.all(streams)).map(readEvents);
    for (const stream of events) await stream.until(() => true);
    expect(closing.watching()).toBe(2);
    shutdown.abort();
    for (const stream of events) await stream.ended();
    expect(closing.watching()).toBe(0);
    // A stream opened after shutdown ends at once.
    const late = readEvents(await closing.request(`/api/conversations/${conversationId}/events`));
    await late.ended();
  });

  it('refuses an unknown conversation or a garbled Last-Event-ID before streaming', async () => {
    const quiet = await createWebChat({ bot: chat.bot });
    const unknown = await quiet.app.request('/api/conversations/web-nobody/events');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe('unauthorized');
    const conversationId = await quiet.start();
    for (const lastEventId of ['abc', '-1', '1.5', '9'.repeat(20)]) {
      const garbled = await quiet.request(`/api/conversations/${conversationId}/events`, { headers: { 'Last-Event-ID': lastEventId } });
      expect(garbled.status).toBe(422);
    }
    expect(quiet.watching()).toBe(0);
  });
});
