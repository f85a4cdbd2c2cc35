// A restart loses nothing the web client was promised: a conversation started with no turn yet, its
// token, the transcript, event ids (Last-Event-ID keeps working, ids keep growing), and the answer to
// a message whose reply was lost (its clientMessageId is remembered with the conversation).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, createFileStore, type FileStore } from 'parley-sdk';
import acmeTelecom from '../../../dialogs/index.js';
import { clock, createWebChat, entryOf, readEvents, type ErrorBody, type TurnReplyBody, type WebChatFixture } from './web-chat-fixtures.js';

let directory: string;
let store: FileStore | undefined;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'parley-web-restart-'));
});
afterAll(async () => {
  await store?.close();
  await rm(directory, { recursive: true, force: true });
});

/** A process serving the web chat from the file store: a restart closes it and starts another. */
async function serve(): Promise<WebChatFixture> {
  await store?.close();
  store = createFileStore({ directory });
  return createWebChat({ bot: await createBot(acmeTelecom, { store, clock }), heartbeatMs: 60_000 });
}

describe('the web chat across a restart', () => {
  it('keeps a conversation started with no turn yet, and its token', async () => {
    const before = await serve();
    const id = await before.start({ locale: 'en-US' });
    const after = await serve();
    const reply = await after.send(id, { text: 'I need a repair' });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as TurnReplyBody).customer).toMatchObject({ id: 1, text: 'I need a repair' });
  });

  it('keeps the transcript, and event ids go on from where they were', async () => {
    const before = await serve();
    const id = await before.start();
    await before.send(id, { text: 'I need a repair tomorrow at 3pm' });
    const transcript = await before.transcript(id);
    expect(transcript.map((entry) => entry.id)).toEqual([1, 2]);

    const after = await serve();
    const shown = (await (await after.request(`/api/conversations/${id}/messages`)).json()) as { messages: unknown[] };
    expect(shown.messages).toEqual(transcript);
    // A page that saw entry 2 reconnects with Last-Event-ID: 2 and gets only what is new.
    const events = readEvents(await after.request(`/api/conversations/${id}/events`, { headers: { 'Last-Event-ID': '2' } }));
    await events.until(() => true);
    await after.send(id, { text: 'yes' });
    const frames = (await events.until((frame) => frame.id === '4')).filter((frame) => frame.event === 'message');
    expect(frames.map((frame) => frame.id)).toEqual(['3', '4']);
    expect(entryOf(frames[1]!).text).toMatch(/booked/);
    await events.close();
  });

  it('answers a message sent again after a restart (its reply was lost) from the store, without a second turn', async () => {
    const before = await serve();
    const id = await before.start();
    const body = { text: 'I need a repair tomorrow at 3pm', clientMessageId: 'lost-reply-1' };
    const first = (await (await before.send(id, body)).json()) as TurnReplyBody;
    const confirmation = await before.send(id, { text: 'yes', clientMessageId: 'lost-reply-2' });
    const booked = (await confirmation.json()) as TurnReplyBody;
    expect(booked.messages[0]!.text).toMatch(/booked.*confirmation code is ([0-9A-F]{6})/);

    const after = await serve();
    const entries = (await after.transcript(id)).length;
    // The page never saw the answer to "yes", and sends it again.
    const again = await after.send(id, { text: 'yes', clientMessageId: 'lost-reply-2' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(booked);
    expect(await after.transcript(id)).toHaveLength(entries);
    expect(((await (await after.send(id, body)).json()) as TurnReplyBody).customer).toEqual(first.customer);
    // The same id with other words is a client bug: 409, and nothing runs.
    const reused = await after.send(id, { text: 'no', clientMessageId: 'lost-reply-2' });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as ErrorBody).error.code).toBe('message-id-reused');
    expect(await after.transcript(id)).toHaveLength(entries);
  });
});
