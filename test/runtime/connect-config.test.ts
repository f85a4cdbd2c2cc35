// The `connect` section of the runtime config: the queues a flow Lambda answers ARNs for.
import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../src/runtime/config.js';

const billingArn = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa/queue/11111111-2222-3333-4444-555555555555';
const queueId = '66666666-7777-8888-9999-000000000000';

describe('connect.queues', () => {
  it('is empty unless set', () => {
    expect(loadRuntimeConfig({ env: {} }).connect).toEqual({ queues: {} });
  });

  it('reads PARLEY_CONNECT_QUEUES as a JSON object of queue names and queue ARNs or ids', () => {
    const config = loadRuntimeConfig({ env: { PARLEY_CONNECT_QUEUES: JSON.stringify({ Billing: billingArn, TechSupport: queueId }) } });
    expect(config.connect.queues).toEqual({ Billing: billingArn, TechSupport: queueId });
  });

  it('refuses what is no JSON object, without quoting it', () => {
    for (const text of ['Billing=arn:aws:connect:x', '["a"]', '{"Billing": "s3cr3t"']) {
      expect(() => loadRuntimeConfig({ env: { PARLEY_CONNECT_QUEUES: text } })).toThrow(/^PARLEY_CONNECT_QUEUES: must be a JSON object of queue names and queue ARNs/);
      try {
        loadRuntimeConfig({ env: { PARLEY_CONNECT_QUEUES: text } });
      } catch (error) {
        expect((error as Error).message).not.toContain('s3cr3t');
      }
    }
  });

  it('refuses a queue that is no Connect queue, naming the setting and the variable', () => {
    expect(() => loadRuntimeConfig({ env: { PARLEY_CONNECT_QUEUES: '{"Billing":"billing"}' } })).toThrow(
      /^connect\.queues\.Billing: is not a Connect queue: give a queue ARN .* \(set in environment variable PARLEY_CONNECT_QUEUES\)$/,
    );
  });
});
