// The ACS sender through the real SmsClient (@azure/communication-sms) against the ACS emulator over
// https: what it sends, a send repeated under the same key sent once (ACS's repeatabilityRequestId),
// failures turned into errors that say what to fix and name no number; and a text answered end to end.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAcsEmulator, type AcsEmulator } from 'parley-sdk/testing';
import { createAcsSmsSender, createMemorySmsOptOuts, createSmsChannel, type SmsSender } from '../../../channels/sms/index.js';
import { referenceBot } from '../../support/reference-bot.js';

let acs: AcsEmulator;
let sender: SmsSender;
const program = '+18005550100';
const customer = '+14255550123';

beforeAll(async () => {
  acs = await startAcsEmulator({ phoneNumbers: [program] });
  sender = createAcsSmsSender({ connectionString: acs.connectionString, tlsOptions: { ca: acs.ca } });
});
afterAll(() => acs.close());

describe('createAcsSmsSender', () => {
  it('sends through SmsClient, once per idempotency key', async () => {
    const before = acs.sentSms().length;
    const first = await sender.send({ from: program, to: customer, text: 'Your visit is booked.', idempotencyKey: 'eventgrid:e1:0' });
    expect(first.messageId).toMatch(/^Outgoing_/);
    const again = await sender.send({ from: program, to: customer, text: 'Your visit is booked.', idempotencyKey: 'eventgrid:e1:0' });
    expect(again.messageId).toBe(first.messageId);
    await sender.send({ from: program, to: customer, text: 'Your visit is booked.', idempotencyKey: 'eventgrid:e2:0' });
    const sent = acs.sentSms().slice(before);
    expect(sent.map(({ from, to, message, segmentCount }) => ({ from, to, message, segmentCount }))).toEqual([
      { from: program, to: customer, message: 'Your visit is booked.', segmentCount: 1 },
      { from: program, to: customer, message: 'Your visit is booked.', segmentCount: 1 },
    ]);
    // Signed as ACS checks it, with the key's UUID in the body and the key itself nowhere.
    const call = acs.calls.at(-1)!;
    expect(call.status).toBe(202);
    expect(JSON.stringify(call.headers)).not.toContain('eventgrid:');
  });

  it('turns a failed recipient into an error that says what to fix, without the number', async () => {
    const error = await sender.send({ from: program, to: '+1425555', text: 'hi', idempotencyKey: 'k-bad-to' }).then(() => new Error('sent'), (thrown: unknown) => thrown as Error);
    expect(error).toMatchObject({ name: 'ProviderCallError', code: 'provider-call', retryable: false });
    expect(error.message).toMatch(/status 400: .*E\.164/);
    expect(error.message).not.toContain('1425555');
  });

  it('says what to check when the resource refuses the sender or the key', async () => {
    const notOurs = await sender.send({ from: '+18005550199', to: customer, text: 'hi', idempotencyKey: 'k-from' }).then(() => new Error('sent'), (thrown: unknown) => thrown as Error);
    expect(notOurs.message).toMatch(/status 401: .*accesskey.*`from` is a number/);
    expect(notOurs.message).not.toContain('8005550199');
    const wrongKey = createAcsSmsSender({ connectionString: `endpoint=${acs.url}/;accesskey=${Buffer.alloc(32, 1).toString('base64')}`, tlsOptions: { ca: acs.ca } });
    await expect(wrongKey.send({ from: program, to: customer, text: 'hi', idempotencyKey: 'k-key' })).rejects.toThrow(/status 401/);
    expect(() => createAcsSmsSender({ connectionString: 'accesskey=abc' })).toThrow(/sms\.acs\.connectionString/);
  });

  it('answers a text end to end: SMSReceived in, the reply out through ACS', async () => {
    const sms = createSmsChannel({ bot: await referenceBot(), sender, idKey: 'a test key of more than sixteen bytes', optOuts: createMemorySmsOptOuts(), logger: pino({ level: 'silent' }) });
    const before = acs.sentSms().length;
    const event = acs.receiveSms({ from: customer, message: 'I want to book an appointment' });
    // What the Event Grid webhook hands the channel, from the event as ACS publishes it (PascalCase data).
    const data = event.data as { From: string; To: string; Message: string; ReceivedTimestamp: string };
    const inbound = { eventId: event.id, from: data.From, to: data.To, message: data.Message, receivedAt: data.ReceivedTimestamp };
    expect(await sms.receive(inbound)).toMatchObject({ outcome: 'answered', sent: 1, failed: 0 });
    expect(await sms.receive(inbound)).toMatchObject({ outcome: 'redelivered', sent: 0 });
    const replies = acs.sentSms().slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ from: program, to: customer, segmentCount: 1 });
    expect(replies[0]!.message).toMatch(/\nReply 1 for Installation, 2 for Repair, 3 for Upgrade\.$/);
  });
});
