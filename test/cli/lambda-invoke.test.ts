// `parley lambda invoke` as a process (the CLI built to dist/ by `npm test`): each handler kind run on
// events from files, as `sam local invoke` runs a function, and a Lex conversation replayed.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectEvent, corpusConnectEvent } from '../channels/connect/connect-events.js';
import { lexEvent } from '../channels/connect/lex-events.js';
import { corpusAvailable, corpusPath } from '../support/shared-corpus.js';
import { functionUrlEvent } from '../support/lambda-events.js';
import { processTestTimeoutMs, runParley } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-lambda-invoke-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const flowBot = 'test/cli/fixtures/flow-bot.ts';
const haveConnectCorpus = corpusAvailable('connect-events', 'the `parley lambda invoke` run of the corpus Connect event');
const haveLexCorpus = corpusAvailable('lex-events', 'the `parley lambda invoke` run of the corpus Lex events');

let files = 0;
/** Writes each event to a file of its own; their paths. */
async function eventFiles(...events: unknown[]): Promise<string[]> {
  return Promise.all(
    events.map(async (event) => {
      const file = join(scratch, `event-${++files}.json`);
      await writeFile(file, typeof event === 'string' ? event : JSON.stringify(event));
      return file;
    }),
  );
}

/** Runs `parley lambda invoke …` to its end: the exit code, the answers (stdout's JSON lines) and stderr. */
async function invoke(args: string[], env: Record<string, string> = {}) {
  const run = runParley(['lambda', 'invoke', ...args], env);
  const code = await run.exited;
  const { stdout, stderr } = run.output();
  const answers = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
  return { code, answers, stdout, stderr };
}

describe('parley lambda invoke', { timeout: processTestTimeoutMs }, () => {
  it('replays a Lex conversation against one bot and store: an answer per event on stdout, the durations and logs on stderr', async () => {
    const events = await eventFiles(
      lexEvent({ sessionId: 'replayed', text: 'I need a repair', intent: 'BookAppointment', slots: { service: { said: 'repair', value: 'repair' } } }),
      lexEvent({ sessionId: 'replayed', text: 'agent please', intent: 'TalkToAgent' }),
    );
    const { code, answers, stderr } = await invoke(['lex-code-hook', ...events]);
    expect(code, stderr).toBe(0);
    expect(answers).toHaveLength(2);
    expect(answers[0]!.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' }, sessionAttributes: { parley_conversation_id: 'lex:replayed' } });
    // The second turn saw the first: the envelope tells of the task begun.
    expect(answers[1]!.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, sessionAttributes: { parley_queue: 'TechSupport', parley_task: 'BookAppointment', parley_slot_service: 'repair' } });
    expect(stderr).toMatch(new RegExp(`${events[0]}: answered in \\d+ ms\\n`));
    expect(stderr).toMatch(new RegExp(`${events[1]}: answered in \\d+ ms\\n`));
    expect(stderr).toMatch(/"store":"memory".*"msg":"serving Lex V2 code hooks on AWS Lambda"/);
  });

  it('runs the flow function with the bot module\'s connectFlow options, its context counting down from --timeout', async () => {
    const [lookup, unknown, hanging] = await eventFiles(
      connectEvent({ phoneNumber: '+15555550100', parameters: { action: 'lookup' } }),
      connectEvent({ phoneNumber: '+15555550199', parameters: { action: 'queue' }, attributes: { tier: 'gold' } }),
      connectEvent({ phoneNumber: '+15555550100', parameters: { action: 'lookup' }, attributes: { hang: 'yes' } }),
    );
    const queues = JSON.stringify({ Billing: 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/11111111-2222-3333-4444-555555555555' });
    const { code, answers, stderr } = await invoke(['connect-flow', lookup!, unknown!, hanging!, '--bot', flowBot, '--timeout', '1'], { PARLEY_CONNECT_QUEUES: queues });
    expect(code, stderr).toBe(0);
    expect(answers).toEqual([
      { parley_found: 'true', name: 'Ana Díaz', tier: 'gold', orders: '3' },
      { parley_found: 'false', parley_queue: 'Billing', parley_queue_arn: expect.stringMatching(/queue\/11111111-/) },
      // The lookup hangs: the function answers within the 1 s the context gave it, not Connect's 8.
      { parley_error: 'timeout' },
    ]);
    expect(stderr).not.toMatch(/5555550100/);
  });

  it('stops at an event the handler refuses, with a one-line reason and exit code 1, running no later event', async () => {
    const [good, bad, never] = await eventFiles(connectEvent(), { Name: 'ContactFlowEvent', Details: { Parameters: { action: 'lookup' } } }, connectEvent());
    const { code, answers, stderr } = await invoke(['connect-flow', good!, bad!, never!, '--bot', flowBot], { LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(answers).toEqual([{ parley_found: 'false' }]);
    expect(stderr).toContain(`parley: ${bad}: the Amazon Connect flow event is not valid: Details.ContactData: `);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack
    expect(stderr).not.toContain(never);
  });

  it('stops at an error of the handler with a one-line reason: a Lex request id used again for other words', async () => {
    const [first, reused] = await eventFiles(
      lexEvent({ sessionId: 'reused', text: 'I need a repair', intent: 'BookAppointment', requestId: 'request-1' }),
      lexEvent({ sessionId: 'reused', text: 'I need a bill', intent: 'BillingQuestion', requestId: 'request-1' }),
    );
    const { code, answers, stderr } = await invoke(['lex-code-hook', first!, reused!], { LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(answers).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`\\nparley: ${reused}: conversation lex:reused: this idempotency key was already used for a different message; use a new key per message\\n$`));
  });

  it('gives up on a handler that does not answer within --timeout, as the caller would', async () => {
    const [hanging] = await eventFiles(connectEvent({ parameters: { action: 'lookup' }, attributes: { hang: 'yes' } }));
    const { code, answers, stderr } = await invoke(['connect-flow', hanging!, '--bot', flowBot, '--timeout', '0.05'], { LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(answers).toEqual([]);
    expect(stderr).toContain(`parley: ${hanging}: no answer within 0.05 s, the time an Amazon Connect flow waits (--timeout to change)\n`);
  });

  it('serves an HTTP event without a web token secret set, and refuses what it cannot read before loading the bot', async () => {
    const [ready] = await eventFiles(functionUrlEvent({ method: 'GET', path: '/readyz' }));
    const served = await invoke(['http', ready!, '--bot', flowBot], { LOG_LEVEL: 'silent' });
    expect(served.code, served.stderr).toBe(0);
    expect(served.answers).toEqual([expect.objectContaining({ statusCode: 200, body: expect.stringContaining('"status":"ready"') })]);
    const [broken] = await eventFiles('{"Name": "ContactFlowEvent",');
    const unreadable = await invoke(['connect-flow', broken!, join(scratch, 'missing.json')]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/^parley: .*(is not valid JSON: line 1, column \d+: .+|missing\.json: no such file)\n$/);
    const unknown = await invoke(['lex', ready!]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('parley: handler: lex is not a handler: give one of http, lex-code-hook, connect-flow\n');
  });

  it.runIf(haveConnectCorpus)('answers the corpus Connect event, its placeholders filled', async () => {
    const [event] = await eventFiles(corpusConnectEvent({ contact_id: '2e1b6d7c-5e2f-4f6a-9a43-5a1c8f1f2d11', phone_number: '+15555550100' }));
    const { code, answers, stderr } = await invoke(['connect-flow', event!, '--bot', flowBot], { LOG_LEVEL: 'silent' });
    expect(code, stderr).toBe(0);
    expect(answers).toEqual([{ parley_found: 'false' }]);
  });

  it.runIf(haveLexCorpus)('answers the corpus Lex events: intents the bot does not run go back to Lex', async () => {
    const events = readdirSync(corpusPath('lex-events')).filter((file) => /event|BankingBot|LexBookCar/.test(file)).map((file) => corpusPath(`lex-events/${file}`));
    expect(events.length).toBeGreaterThanOrEqual(3);
    const { code, answers, stderr } = await invoke(['lex-code-hook', ...events], { LOG_LEVEL: 'silent' });
    expect(code, stderr).toBe(0);
    expect(answers.map((answer) => answer.sessionState.dialogAction.type)).toEqual(events.map(() => 'Delegate'));
  });
});
