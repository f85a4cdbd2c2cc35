// The Connect flow function as a Lambda handler, in this process: the settings it reads, what it logs.
import { describe, expect, it } from 'vitest';
import { createConnectFlowHandler, LambdaEventError } from 'parley-sdk/connect';
import { createLogger, loadRuntimeConfig } from 'parley-sdk/runtime';
import { smallBot } from '../../fixtures-small-bot.js';
import { connectEvent, flowContext } from './connect-events.js';

const billingArn = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/11111111-2222-3333-4444-555555555555';
const phone = '+15555550123';

/** A logger whose JSON lines are kept. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as Record<string, any>), text: () => lines.join('') };
}

const configOf = (env: Record<string, string>) => loadRuntimeConfig({ env: { PARLEY_MODEL_CACHE: 'off', ...env } });

describe('createConnectFlowHandler', () => {
  it('starts without a web token secret, and answers the queue ARNs of PARLEY_CONNECT_QUEUES', async () => {
    const { logger } = capturedLogger();
    const handler = createConnectFlowHandler(smallBot(), {
      config: configOf({ PARLEY_STORE: 'memory', PARLEY_CONNECT_QUEUES: JSON.stringify({ Billing: billingArn }) }),
      logger,
      chooseQueue: () => 'Billing',
    });
    await handler.ready();
    expect(await handler(connectEvent({ parameters: { action: 'queue' } }), flowContext(8000))).toEqual({ parley_found: 'false', parley_queue: 'Billing', parley_queue_arn: billingArn });
  });

  it('refuses a file store, as every Lambda handler does', () => {
    expect(() => createConnectFlowHandler(smallBot(), { config: configOf({}), logger: capturedLogger().logger })).toThrow(/^store\.kind: a file store cannot serve on AWS Lambda/);
  });

  it('logs a problem with the action, the contact and the kind, never the customer\'s number', async () => {
    const log = capturedLogger();
    const handler = createConnectFlowHandler(smallBot(), {
      config: configOf({ PARLEY_STORE: 'memory' }),
      logger: log.logger,
      lookupCustomer: (contact) => {
        throw new Error(`the CRM has no ${contact.phoneNumber}`);
      },
    });
    expect(await handler(connectEvent({ parameters: { action: 'lookup' }, phoneNumber: phone }), flowContext(8000))).toEqual({ parley_error: 'failed' });
    const problem = log.records().find((record) => record.level === 50);
    expect(problem).toMatchObject({ action: 'lookup', contactId: 'contact-1', source: 'lookupCustomer', answered: { parley_error: 'failed' }, err: { name: 'Error', message: 'the CRM has no [PHONE]' } });
    expect(log.text()).not.toContain('5555550123');
  });

  it('fails an event it cannot read with why, and logs it as refused', async () => {
    const log = capturedLogger();
    const handler = createConnectFlowHandler(smallBot(), { config: configOf({ PARLEY_STORE: 'memory' }), logger: log.logger });
    await expect(handler({ Name: 'ContactFlowEvent', Details: {} })).rejects.toThrow(LambdaEventError);
    expect(log.records().find((record) => record.msg === 'Connect flow event refused')).toMatchObject({ level: 40, err: { name: 'LambdaEventError', message: expect.stringMatching(/Details\.ContactData: /) } });
  });
});
