import { describe, expect, it } from 'vitest';
import { createBot, createMemoryStore, DialogDefinitionError, type Clock } from 'parley-sdk';
import { smallBot } from '../fixtures-small-bot.js';

/** A clock the test moves by hand. */
function movableClock(start = '2030-03-04T15:00:00Z'): Clock & { advance(minutes: number): void } {
  let now = Date.parse(start);
  return { timeZone: 'UTC', now: () => new Date(now), advance: (minutes) => (now += minutes * 60_000) };
}

const text = (conversationId: string, said: string) => ({ conversationId, channel: 'web', content: { kind: 'text' as const, text: said } });
const replies = (output: { messages: Array<{ text?: string }> }) => output.messages.map((message) => message.text);

describe('the idle timeout', () => {
  it('closes a task left half done, says so, and reads the message afresh', async () => {
    const clock = movableClock();
    let orders = 0;
    const bot = await createBot(smallBot({ fulfil: () => `Order ${++orders} placed.` }), { clock });
    await bot.handle(text('c1', 'order a large pizza for tomorrow'));
    expect((await bot.view('c1')).awaiting).toBe('confirmation');
    clock.advance(31);
    const back = await bot.handle(text('c1', 'yes'));
    expect(replies(back)[0]).toBe("Welcome back. It's been a while, so I've closed your request to order a pizza; we can start it again whenever you like.");
    expect(back.view.dialog).toBeNull();
    expect(orders).toBe(0); // the late "yes" confirmed nothing
    // The notice is in the transcript, like any reply.
    expect((await bot.transcript('c1'))!.some((entry) => entry.text?.startsWith('Welcome back.'))).toBe(true);
  });

  it('starts the new request at once when the message makes one', async () => {
    const clock = movableClock();
    const bot = await createBot(smallBot(), { clock });
    await bot.handle(text('c2', 'I want a pizza'));
    clock.advance(45);
    const back = await bot.handle(text('c2', 'order a large pizza for tomorrow'));
    expect(replies(back)[0]).toMatch(/^Welcome back\./);
    expect(back.view).toMatchObject({ dialog: 'OrderPizza', awaiting: 'confirmation', slots: { size: 'large' } });
  });

  it('keeps the task within the timeout, and says nothing after it when no task was under way', async () => {
    const clock = movableClock();
    const bot = await createBot(smallBot(), { clock });
    await bot.handle(text('c3', 'order a large pizza'));
    clock.advance(29);
    expect((await bot.handle(text('c3', 'tomorrow'))).view.awaiting).toBe('confirmation');
    await bot.handle(text('c3', 'yes'));
    clock.advance(120);
    const back = await bot.handle(text('c3', 'hello'));
    expect(replies(back)).toEqual(['Hello!']);
  });

  it('is set per bot, and a bad value is refused with the option named', async () => {
    const clock = movableClock();
    const bot = await createBot({ ...smallBot(), idleTimeoutMinutes: 5 }, { clock });
    await bot.handle(text('c4', 'I want a pizza'));
    clock.advance(6);
    expect(replies(await bot.handle(text('c4', 'large')))[0]).toMatch(/^Welcome back\./);
    await expect(createBot({ ...smallBot(), idleTimeoutMinutes: 0 })).rejects.toThrow(DialogDefinitionError);
    await expect(createBot({ ...smallBot(), idleTimeoutMinutes: 0 })).rejects.toThrow(/idleTimeoutMinutes/);
  });

  it('may be reworded by the bot', async () => {
    const clock = movableClock();
    const bot = await createBot({ ...smallBot(), messages: { en: { setAsideAfterIdle: 'Hello again! I dropped {resumeTitle}.' } } }, { clock });
    await bot.handle(text('c5', 'I want a pizza'));
    clock.advance(60);
    expect(replies(await bot.handle(text('c5', 'hello')))).toEqual(['Hello again! I dropped your request to order a pizza.', 'Hello!']);
  });
});

describe('bot.erase', () => {
  it('erases the conversation and its transcript whichever channel owns it, and says whether there was one', async () => {
    const store = createMemoryStore();
    const erased: Array<{ conversationId: string; existed: boolean }> = [];
    const bot = await createBot(smallBot(), { store, observer: { erased: (event) => erased.push(event) } });
    await bot.handle({ ...text('c6', 'I want a pizza'), channel: 'sms' });
    expect(await bot.erase('c6')).toBe(true);
    expect(await store.read('c6')).toBeUndefined();
    expect(await bot.transcript('c6')).toBeUndefined();
    expect(await bot.erase('c6')).toBe(false);
    expect(erased).toEqual([{ conversationId: 'c6', existed: true }, { conversationId: 'c6', existed: false }]);
    // The same id later is a new conversation, with nothing of the old one.
    const again = await bot.handle(text('c6', 'hello'));
    expect(again.transcript!.map((entry) => entry.text)).toEqual(['hello', 'Hello!']);
  });

  it('erases a conversation whose stored state is damaged', async () => {
    const store = createMemoryStore();
    const bot = await createBot(smallBot(), { store });
    await store.write('c7', { v: 99 }, undefined);
    expect(await bot.erase('c7')).toBe(true);
    expect(await store.read('c7')).toBeUndefined();
  });

  it('refuses an id that is not one', async () => {
    const bot = await createBot(smallBot());
    await expect(bot.erase('../etc/passwd')).rejects.toThrow(/conversation ids are/);
  });
});
