// The `handoff` section for azure-acs: people from a pool (`agents`) or from ACS Job Router
// (`jobRouter`), one of them, with an error that says so; and the provider either makes.
import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../src/runtime/config.js';
import { handoffProviderOf } from '../../src/runtime/handoff-config.js';

const load = (handoff: Record<string, unknown>) => loadRuntimeConfig({ env: {}, overrides: { handoff } });
const acs = { connectionString: 'endpoint=https://parley.communication.azure.com/;accesskey=a2V5', botUserId: '8:acs:bot' };

describe('handoff: azure-acs', () => {
  it('takes a Job Router queue instead of a pool', async () => {
    const config = load({ provider: 'azure-acs', jobRouter: { queueId: 'support', channelId: 'chat', priority: 5 } });
    expect(config.handoff).toEqual({ provider: 'azure-acs', jobRouter: { queueId: 'support', channelId: 'chat', priority: 5 } });
    const provider = await handoffProviderOf(config.handoff, acs);
    expect(provider).toMatchObject({ name: 'azure-acs', desk: expect.any(Object) });
  });

  it('wants agents or jobRouter, one of them', () => {
    const oneOfThem = /handoff: say who takes over: agents \(a pool.*\) or jobRouter \(a Job Router queue.*\), one of them/;
    expect(() => load({ provider: 'azure-acs' })).toThrow(oneOfThem);
    expect(() => load({ provider: 'azure-acs', agents: [{ id: '8:acs:sam', name: 'Sam' }], jobRouter: { queueId: 'support' } })).toThrow(oneOfThem);
    expect(() => load({ provider: 'azure-acs', jobRouter: { queueId: 'support queue' } })).toThrow(/handoff\.jobRouter\.queueId: must be a Job Router queue id/);
    expect(() => load({ provider: 'azure-acs', jobRouter: { queueId: 'support', priority: 500 } })).toThrow(/handoff\.jobRouter\.priority/);
    expect(load({ provider: 'azure-acs', agents: [{ id: '8:acs:sam', name: 'Sam' }] }).handoff).toEqual({ provider: 'azure-acs', agents: [{ id: '8:acs:sam', name: 'Sam' }] });
  });
});
