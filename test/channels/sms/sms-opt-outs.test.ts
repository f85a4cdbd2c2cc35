// Opt-outs outlive the process: the file implementation read back by a new instance (a restart),
// through the channel too; a damaged file is refused, never read as "nobody opted out".
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSmsOptOuts, createMemorySmsOptOuts, createSmsChannel, type SmsMessage } from '../../../channels/sms/index.js';
import { referenceBot } from '../../support/reference-bot.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parley-sms-opt-outs-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const consent = (optedOut: boolean, eventId: string) => ({ optedOut, at: '2030-03-04T14:00:00.000Z', eventId });

describe('file opt-outs', () => {
  it('survive a restart: a new instance on the same file reads them', async () => {
    const file = join(folder, 'nested', 'sms-opt-outs.json');
    const first = createFileSmsOptOuts({ file });
    expect(await first.read('k1')).toBeUndefined();
    await Promise.all([first.write('k1', consent(true, 'e1')), first.write('k2', consent(true, 'e2'))]);
    await first.write('k2', consent(false, 'e3'));
    const restarted = createFileSmsOptOuts({ file });
    expect(await restarted.read('k1')).toEqual(consent(true, 'e1'));
    expect(await restarted.read('k2')).toEqual(consent(false, 'e3'));
    // Written whole and renamed into place: no temporary file is left beside it.
    expect(await readdir(join(folder, 'nested'))).toEqual(['sms-opt-outs.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ v: 1, numbers: { k1: { optedOut: true } } });
  });

  it('refuse a damaged file until someone looks at it', async () => {
    const file = join(folder, 'sms-opt-outs.json');
    await writeFile(file, '{"v":1,"numbers":{"k1":');
    const optOuts = createFileSmsOptOuts({ file });
    await expect(optOuts.read('k1')).rejects.toThrow(/not an opt-out file.*restore it from a backup/);
    expect(() => createFileSmsOptOuts({ file: join(folder, 'opt-outs.txt') })).toThrow(/\.json/);
  });

  it('keep a STOP sent to the channel across a restart of the channel and the bot', async () => {
    const file = join(folder, 'sms-opt-outs.json');
    const sent: SmsMessage[] = [];
    const options = {
      sender: { send: async (message: SmsMessage) => (sent.push(message), {}) },
      idKey: 'a test key of more than sixteen bytes',
      logger: pino({ level: 'silent' }),
    };
    const sms = createSmsChannel({ ...options, bot: await referenceBot(), optOuts: createFileSmsOptOuts({ file }) });
    const from = '+14255550123';
    await sms.receive({ eventId: 'e1', from, to: '+18005550100', message: 'STOP' });
    expect(await readFile(file, 'utf8')).not.toContain('4255550123');
    const restarted = createSmsChannel({ ...options, bot: await referenceBot(), optOuts: createFileSmsOptOuts({ file }) });
    expect((await restarted.receive({ eventId: 'e2', from, to: '+18005550100', message: 'hi' })).outcome).toBe('ignored');
    expect(sent).toHaveLength(1);
    // A channel whose opt-outs lived in memory would have answered: the seam is what keeps them.
    const forgetful = createSmsChannel({ ...options, bot: await referenceBot(), optOuts: createMemorySmsOptOuts() });
    expect((await forgetful.receive({ eventId: 'e3', from, to: '+18005550100', message: 'hi' })).outcome).toBe('answered');
  });
});
