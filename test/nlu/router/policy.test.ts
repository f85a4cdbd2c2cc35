import { describe, expect, it } from 'vitest';
import { chooseRoute, parsePolicy } from '../../../src/nlu/router/index.js';

describe('routing policy', () => {
  const policy = parsePolicy(
    {
      rules: [
        { name: 'spanish', when: { locale: 'es-*' }, strategy: 'fallback', providers: ['clu', 'local'] },
        { when: { channel: ['voice', 'connect'], slot: 'date' }, strategy: 'single', providers: ['lex'] },
        { name: 'bookings', when: { dialog: 'BookAppointment' }, split: [{ variant: 'lex', percent: 20, strategy: 'single', providers: ['lex'] }, { variant: 'local', percent: 80, strategy: 'single', providers: ['local'] }] },
      ],
      default: { strategy: 'race', providers: ['lex', 'clu'], threshold: 0.7 },
      lastResort: 'local',
    },
    ['lex', 'clu', 'local'],
  );

  it('takes the first rule whose conditions all hold, else the default', () => {
    expect(chooseRoute(policy, { locale: 'es-MX' })).toMatchObject({ rule: 'spanish', strategy: 'fallback', providers: ['clu', 'local'] });
    expect(chooseRoute(policy, { locale: 'es' })).toMatchObject({ rule: 'spanish' });
    expect(chooseRoute(policy, { locale: 'en-US', channel: 'voice', slot: 'date' })).toMatchObject({ rule: 'rules[1]', providers: ['lex'] });
    expect(chooseRoute(policy, { locale: 'en-US', channel: 'voice' })).toMatchObject({ rule: 'default', strategy: 'race', threshold: 0.7 });
  });

  it('splits conversations by a sticky percentage', () => {
    const variants = Array.from({ length: 4000 }, (_, index) => chooseRoute(policy, { locale: 'en-US', dialog: 'BookAppointment', conversationId: `c-${index}` }).variant);
    const share = variants.filter((variant) => variant === 'lex').length / variants.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    for (let index = 0; index < 50; index++) {
      const context = { locale: 'en-US', dialog: 'BookAppointment', conversationId: `c-${index}` };
      expect(chooseRoute(policy, context).variant).toBe(chooseRoute(policy, context).variant);
    }
  });

  it('names the key and the fix when a policy is wrong', () => {
    expect(() => parsePolicy({ default: { strategy: 'fastest', providers: ['lex'] } })).toThrow(/nlu\.policy\.default/);
    expect(() => parsePolicy({ default: { strategy: 'single', providers: ['lexx'] } }, ['lex', 'local'])).toThrow(/nlu\.policy\.default\.providers\.0: unknown provider lexx \(did you mean lex\?\); known providers: lex, local/);
    expect(() => parsePolicy({ default: { split: [{ variant: 'a', percent: 50, strategy: 'single', providers: ['lex'] }, { variant: 'b', percent: 40, strategy: 'single', providers: ['lex'] }] } })).toThrow(/add up to 100/);
    expect(() => parsePolicy({ default: { strategy: 'single', providers: ['lex'] }, deadlineMs: 100, reserveMs: 100 })).toThrow(/reserveMs must be less than deadlineMs/);
  });
});
