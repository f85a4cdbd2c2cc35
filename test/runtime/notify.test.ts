// bot.notify: a message to a customer who is not talking, into the conversation and out through the
// owning channel's reach; refused for opt-outs, a person in charge, and quiet hours; an offer the
// customer's reply takes up.
import { describe, expect, it } from 'vitest';
import { fixedClock, type ChannelReach, type Message } from 'parley-sdk';
import { referenceBot } from '../support/reference-bot.js';
import { createLocalRelay } from '../../src/handoff/local-relay/local-relay.js';

function recordingReach(refusal?: 'opted-out'): ChannelReach & { sent: Array<{ conversationId: string; address: unknown; messages: readonly Message[] }> } {
  const sent: Array<{ conversationId: string; address: unknown; messages: readonly Message[] }> = [];
  return {
    sent,
    refuses: async () => refusal,
    deliver: async (conversationId, address, messages) => void sent.push({ conversationId, address, messages }),
  };
}

const text = (content: string) => ({ kind: 'text' as const, text: content });

describe('bot.notify', () => {
  it('sends through the owning channel, to the address the channel gave, and records it', async () => {
    const bot = await referenceBot();
    const reach = recordingReach();
    bot.reach('sms', reach);
    await bot.handle({ conversationId: 'sms:1', channel: 'sms', content: text('hi'), address: { phone: '+14255550123' } });
    const result = await bot.notify('sms:1', { text: 'Your technician arrives at 3pm.' });
    expect(result).toEqual({ conversationId: 'sms:1', status: 'sent', offered: false });
    expect(reach.sent).toEqual([{ conversationId: 'sms:1', address: { phone: '+14255550123' }, messages: [{ text: 'Your technician arrives at 3pm.' }] }]);
    const transcript = await bot.transcript('sms:1');
    expect(transcript?.at(-1)).toMatchObject({ from: 'bot', text: 'Your technician arrives at 3pm.' });
    // Repeat says the notification again.
    const repeated = await bot.handle({ conversationId: 'sms:1', channel: 'sms', content: text('can you repeat that?') });
    expect(repeated.messages.map((message) => message.text)).toEqual(['Your technician arrives at 3pm.']);
  });

  it('starts the offered dialog when the customer replies with the word, and reads anything else as usual', async () => {
    const bot = await referenceBot();
    await bot.handle({ conversationId: 'w1', channel: 'web', content: text('hi') });
    // An open web chat page follows the transcript: it is told at once.
    const seen: string[] = [];
    const stop = bot.watch('w1', (entries) => seen.push(...entries.map((entry) => entry.text)));
    const result = await bot.notify('w1', { text: 'Your technician arrives at 3pm. Reply CHANGE to rebook.', offer: { dialog: 'BookAppointment', replies: ['CHANGE'] } });
    stop();
    expect(result).toMatchObject({ status: 'stored', offered: true });
    expect(seen).toEqual(['Your technician arrives at 3pm. Reply CHANGE to rebook.']);
    const reply = await bot.handle({ conversationId: 'w1', channel: 'web', content: text('change!') });
    expect(reply.view.dialog).toBe('BookAppointment');
    expect(reply.messages.at(-1)?.text).toMatch(/What kind of visit/);

    await bot.handle({ conversationId: 'w2', channel: 'web', content: text('hi') });
    await bot.notify('w2', { text: 'Reply CHANGE to rebook.', offer: { dialog: 'BookAppointment', replies: ['CHANGE'] } });
    const other = await bot.handle({ conversationId: 'w2', channel: 'web', content: text('where is my order?') });
    expect(other.view.dialog).toBe('CheckOrderStatus');
  });

  it('offers nothing while a task is under way, and the task goes on', async () => {
    const bot = await referenceBot();
    await bot.handle({ conversationId: 'w3', channel: 'web', content: text('I need a technician') });
    const result = await bot.notify('w3', { text: 'Heads up: an outage in your area.', offer: { dialog: 'ReportOutage' } });
    expect(result.offered).toBe(false);
    const next = await bot.handle({ conversationId: 'w3', channel: 'web', content: text('repair') });
    expect(next.view).toMatchObject({ dialog: 'BookAppointment', slots: { service: 'repair' } });
  });

  it('refuses an opted-out customer, one with a person, and quiet hours unless urgent, storing nothing', async () => {
    const optedOut = await referenceBot();
    optedOut.reach('sms', recordingReach('opted-out'));
    await optedOut.handle({ conversationId: 'sms:2', channel: 'sms', content: text('hi'), address: { phone: '+14255550199' } });
    const before = (await optedOut.transcript('sms:2'))!.length;
    expect(await optedOut.notify('sms:2', { text: 'Hello', urgent: true })).toMatchObject({ status: 'refused', refusal: 'opted-out' });
    expect((await optedOut.transcript('sms:2'))!.length).toBe(before);

    const night = await referenceBot({ clock: fixedClock('2026-03-02T22:30', 'America/New_York'), notifications: { quietHours: { from: '21:00', to: '08:00' } } });
    await night.handle({ conversationId: 'w4', channel: 'web', content: text('hi') });
    expect(await night.notify('w4', { text: 'Hello' })).toMatchObject({ status: 'refused', refusal: 'quiet-hours' });
    expect(await night.notify('w4', { text: 'Outage in your area', urgent: true })).toMatchObject({ status: 'stored' });

    const relayed = await referenceBot({ handoff: createLocalRelay() });
    await relayed.handle({ conversationId: 'w5', channel: 'web', content: text('let me talk to a person') });
    expect(await relayed.notify('w5', { text: 'Hello' })).toMatchObject({ status: 'refused', refusal: 'with-agent' });
    await relayed.close();
  });

  it('tells the caller when the channel could not send, and keeps the notification for the next visit', async () => {
    const bot = await referenceBot();
    bot.reach('sms', { deliver: async () => Promise.reject(new Error('the SMS service answered 503')) });
    await bot.handle({ conversationId: 'sms:3', channel: 'sms', content: text('hi') });
    expect(await bot.notify('sms:3', { text: 'Hello' })).toEqual({ conversationId: 'sms:3', status: 'stored', offered: false, error: 'Error: the SMS service answered 503' });
    expect((await bot.transcript('sms:3'))?.at(-1)?.text).toBe('Hello');
  });

  it('rejects what it cannot do with a clear error', async () => {
    const bot = await referenceBot();
    await bot.handle({ conversationId: 'w6', channel: 'web', content: text('hi') });
    await expect(bot.notify('nobody', { text: 'Hello' })).rejects.toThrow(/no conversation nobody/);
    await expect(bot.notify('w6', { text: 'Hello', channel: 'sms' })).rejects.toThrow(/no conversation w6 on sms/);
    await expect(bot.notify('w6', { text: ' ' })).rejects.toThrow(/says something/);
    await expect(bot.notify('w6', { text: 'Hi', offer: { dialog: 'Nope' } })).rejects.toThrow(/no dialog Nope to offer/);
    await expect(referenceBot({ notifications: { quietHours: { from: '9pm', to: '08:00' } } })).rejects.toThrow(/like 21:00/);
  });
});
