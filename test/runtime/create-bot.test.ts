import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, createFileStore, createMemoryStore, fixedClock, ParleyError, type Recognizer, type TurnInput } from 'parley-sdk';
import acmeTelecom from '../../dialogs/index.js';
import { smallBot } from '../fixtures-small-bot.js';

const clock = fixedClock('2030-03-04', 'America/New_York');
const text = (conversationId: string, words: string, locale?: string): TurnInput => ({ conversationId, channel: 'test', locale, content: { kind: 'text', text: words } });
const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('createBot', () => {
  it('continues a conversation after a restart, from the file store', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'parley-restart-'));
    directories.push(directory);
    const before = createFileStore({ directory });
    const first = await createBot(acmeTelecom, { store: before, clock });
    await first.handle(text('restart-1', 'I need a repair'));
    await first.handle(text('restart-1', 'friday'));
    // One process owns a store folder: the first lets go, as a server does when it stops.
    await before.close();
    const after = createFileStore({ directory });
    const second = await createBot(acmeTelecom, { store: after, clock });
    expect(await second.view('restart-1')).toMatchObject({ dialog: 'BookAppointment', awaiting: 'time', slots: { service: 'repair', date: '2030-03-08' } });
    const reply = await second.handle(text('restart-1', '3pm'));
    expect(reply.view).toMatchObject({ awaiting: 'confirmation', slots: { time: '15:00' } });
    await after.close();
  });

  it('keeps the persisted dialog state of a booking under 2 kB, and the whole record bounded, as JSON', async () => {
    const store = createMemoryStore();
    const bot = await createBot(acmeTelecom, { store, clock, transcript: { entries: 10 } });
    let largestDialog = 0;
    let largestRecord = 0;
    for (const words of ['I need a repair', 'friday', '3pm', 'no', 'the time', '4pm', 'yes', 'hi', 'where is my order', 'AB123456']) {
      await bot.handle(text('size-1', words));
      const stored = (await store.read('size-1'))!.state as { dialog: unknown; transcript: { entries: unknown[] } };
      largestDialog = Math.max(largestDialog, JSON.stringify(stored.dialog).length);
      largestRecord = Math.max(largestRecord, JSON.stringify(stored).length);
      expect(stored.transcript.entries.length).toBeLessThanOrEqual(10);
    }
    expect(largestDialog).toBeGreaterThan(100);
    expect(largestDialog).toBeLessThan(2048);
    expect(largestRecord).toBeLessThan(8192);
  });

  it('refuses messages over the limit with a message, and leaves the dialog state as it was', async () => {
    const store = createMemoryStore();
    const bot = await createBot(acmeTelecom, { store, clock });
    await bot.handle(text('long-1', 'book a repair'));
    const dialogOf = async () => ((await store.read('long-1'))!.state as { dialog: unknown }).dialog;
    const before = await dialogOf();
    for (const length of [1025, 10_240]) {
      const reply = await bot.handle(text('long-1', 'a'.repeat(length)));
      expect(reply.messages[0]!.text).toMatch(new RegExp(`too long.*${length.toLocaleString('en-US').replace(',', ',?')}|too long`));
      expect(reply.view).toMatchObject({ dialog: 'BookAppointment', awaiting: 'date' });
    }
    expect(await dialogOf()).toEqual(before);
    const accepted = await bot.handle(text('long-1', `friday ${' '.repeat(1000)}`));
    expect(accepted.view.awaiting).toBe('time');
  });

  it('answers empty messages politely and strips control characters', async () => {
    const bot = await createBot(acmeTelecom, { clock });
    expect((await bot.handle(text('ctl-1', ' \u0000\t '))).messages[0]!.text).toMatch(/didn't get any words/);
    const reply = await bot.handle(text('ctl-1', '\u0007where is\u0000 order AB123456\u200B?'));
    expect(reply.messages[0]!.text).toMatch(/shipped/);
  });

  it('serves an unknown locale in the default one, and a related one in its language', async () => {
    const bot = await createBot(acmeTelecom, { clock });
    expect((await bot.handle(text('loc-1', 'where is my order', 'fr-FR'))).view.dialog).toBe('CheckOrderStatus');
    expect((await bot.handle(text('loc-2', 'where is my order', 'en-GB'))).view.dialog).toBe('CheckOrderStatus');
    expect((await bot.handle(text('loc-3', 'hi', 'not a locale!'))).messages.length).toBeGreaterThan(0);
  });

  it('rejects conversation ids that could escape a store', async () => {
    const bot = await createBot(acmeTelecom, { clock });
    for (const id of ['../etc/passwd', 'a/b', '', '.hidden', 'x'.repeat(201)]) {
      await expect(bot.handle(text(id, 'hi'))).rejects.toSatisfy((error) => ParleyError.isInstance(error) && error.code === 'input-rejected');
    }
  });

  it('serves concurrent turns of one conversation one after the other, losing none', async () => {
    const store = createMemoryStore();
    const bot = await createBot(acmeTelecom, { store, clock });
    // Both turns read "no conversation yet"; the second write conflicts and the turn is redone on top.
    await Promise.all([bot.handle(text('race-1', 'I need a repair')), bot.handle(text('race-1', 'hello'))]);
    const stored = await store.read('race-1');
    expect(stored?.version).toBe(2);
    expect((stored?.state as { dialog: { turn: number } }).dialog.turn).toBe(2);
    expect((await bot.view('race-1')).dialog).toBe('BookAppointment');
  });

  it('starts an intent from a channel event', async () => {
    const bot = await createBot(smallBot(), { clock });
    const reply = await bot.handle({ conversationId: 'event-1', channel: 'test', content: { kind: 'event', name: 'Hello' } });
    expect(reply.messages[0]!.text).toBe('Hello!');
  });

  it('apologises when the recognizer fails, keeps the state, and reports no customer text', async () => {
    const failing: Recognizer = { name: 'down', recognize: () => Promise.reject(new Error('service unavailable')) };
    const store = createMemoryStore();
    const reported: string[] = [];
    const bot = await createBot(acmeTelecom, { store, clock, recognizer: failing, onError: (error, context) => reported.push(`${context.stage}: ${error.message}`) });
    const reply = await bot.handle(text('down-1', 'my secret is hunter2'));
    expect(reply.messages[0]!.text).toMatch(/went wrong/);
    // The transcript keeps the exchange; the dialog state is untouched (there was none).
    expect(((await store.read('down-1'))!.state as { dialog: unknown }).dialog).toBeNull();
    expect(reported).toEqual(['recognize: service unavailable']);
  });

  it('looks for a second request with the turn\'s own recognizer: one call more, only when the message may hold one', async () => {
    const local = (await createBot(acmeTelecom, { clock })).recognizer;
    const asked: string[] = [];
    const recognizer: Recognizer = {
      name: 'counted',
      recognize: async (request, options) => {
        asked.push(request.text);
        if (request.text === 'where is order GH987654') throw new Error('throttled');
        return local.recognize(request, options);
      },
    };
    const calls: string[] = [];
    const reported: string[] = [];
    const bot = await createBot(acmeTelecom, {
      clock,
      recognizer,
      observer: { recognized: ({ outcome }) => calls.push(outcome) },
      onError: (error, { stage }) => reported.push(`${stage}: ${error.message}`),
    });
    await bot.handle(text('two-1', 'where is my order'));
    expect(asked).toEqual(['where is my order']);
    const both = await bot.handle(text('two-2', 'where is order AB123456 and is there an outage in 94105?'));
    expect(asked.slice(1)).toEqual(['where is order AB123456 and is there an outage in 94105?', 'where is order AB123456']);
    expect(both.messages.map((message) => message.text)).toEqual([expect.stringMatching(/order AB123456/), expect.stringMatching(/outage in San Francisco/)]);
    // A failed extra call is reported, and the message is served as one request.
    const one = await bot.handle(text('two-3', 'where is order GH987654 and is there an outage in 94105?'));
    expect(one.messages.map((message) => message.text)).toEqual([expect.stringMatching(/outage in San Francisco/)]);
    expect(reported).toEqual(['recognize: throttled']);
    expect(calls).toEqual(['ok', 'ok', 'ok', 'ok', 'error']);
  });
});
