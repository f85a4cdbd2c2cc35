// Slots that take several values (`multiple: true`) as Lex V2 multi-value slots, where Lex has them.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIntentModel, defineIntent, defineSlotType } from '../../../src/content/index.js';
import { checkTargetLimits } from '../../../src/lint/index.js';
import { compileLexBot, importLexArchive, lexArchiveFiles, lexCompileLosses, lexSlotSchema } from '../../../bot-deploy/lex-v2/index.js';
import { startDeployFixture, type DeployFixture } from './deploy/lex-deploy-fixture.js';

const pizzaShop = fileURLToPath(new URL('../../../examples/pizza-shop/intents/', import.meta.url));

function pizzaModel(locale: string) {
  return buildIntentModel({
    locale,
    intents: [
      defineIntent({
        name: 'OrderPizza',
        utterances: ['a pizza with {toppings=olives and peppers}', 'a pizza for {day}', 'I want a pizza'],
        slots: [
          { name: 'toppings', type: 'Topping', multiple: true, prompt: 'Which toppings?' },
          { name: 'day', type: 'date', multiple: true, required: false },
        ],
      }),
    ],
    slotTypes: [defineSlotType({ name: 'Topping', values: ['olives', 'peppers'] })],
  });
}

const slotJson = (locale: string, slot: string) =>
  JSON.parse(lexArchiveFiles(compileLexBot(pizzaModel(locale), { botName: 'Pizza' })).get(`Pizza/BotLocales/${locale.replace('-', '_')}/Intents/OrderPizza/Slots/${slot}/Slot.json`)!);

describe('multiple slots in the Lex V2 archive', () => {
  it('allow multiple values on a slot of a custom type in en-US, in the shape real exports read', () => {
    const toppings = slotJson('en-US', 'toppings');
    expect(toppings.multipleValuesSetting).toEqual({ allowMultipleValues: true });
    expect(lexSlotSchema.safeParse(toppings).success).toBe(true);
  });

  it('leave a one-value slot where Lex has none (another locale, a built-in type) and say so, in the build and in the lint', () => {
    expect(slotJson('en-US', 'day').multipleValuesSetting).toBeNull();
    expect(slotJson('es-US', 'toppings').multipleValuesSetting).toBeNull();
    const losses = lexCompileLosses({ locales: { ...pizzaModel('en-US').locales, ...pizzaModel('es-US').locales } }, { botName: 'Pizza' }).filter((item) => item.kind === 'multiple-values');
    expect(losses.map((item) => [item.file, item.path, item.message])).toEqual([
      ['Pizza/BotLocales/en_US/Intents/OrderPizza/Slots/day/Slot.json', 'multipleValuesSetting', expect.stringMatching(/slot day of OrderPizza takes several values, but Lex V2 takes multi-value slots only of custom slot types.*\(en-US, date\)/)],
      ['Pizza/BotLocales/es_US/Intents/OrderPizza/Slots/toppings/Slot.json', 'multipleValuesSetting', expect.stringMatching(/slot toppings of OrderPizza takes several values, but Lex V2 takes multi-value slots only in en-US \(es-US, Topping\)/)],
      ['Pizza/BotLocales/es_US/Intents/OrderPizza/Slots/day/Slot.json', 'multipleValuesSetting', expect.stringMatching(/only in en-US/)],
    ]);
    const warnings = checkTargetLimits(pizzaModel('es-US'), ['lex'], 'intents').filter((finding) => finding.rule === 'lex-multiple-values');
    expect(warnings.map(({ severity, message }) => ({ severity, message }))).toEqual([
      { severity: 'warning', message: expect.stringMatching(/^slot toppings of OrderPizza \(es-US, Topping\) takes several values, but Lex V2 takes multi-value slots only in en-US/) },
      { severity: 'warning', message: expect.stringMatching(/^slot day of OrderPizza/) },
    ]);
    expect(checkTargetLimits(pizzaModel('es-US'), ['clu'], 'intents')).toEqual([]);
  });

  it('import back as multiple: true', () => {
    const { model, report } = importLexArchive(compileLexBot(pizzaModel('en-US'), { botName: 'Pizza' }));
    const [toppings, day] = model.locales['en-US']!.intents.find((intent) => intent.name === 'OrderPizza')!.slots;
    expect(toppings).toMatchObject({ name: 'toppings', multiple: true });
    expect(day!.multiple).toBeUndefined();
    expect(report.map((item) => item.kind)).not.toContain('multiple-values');
  });
});

describe('deploying multiple slots to the Lex models API (emulated)', () => {
  let fixture: DeployFixture;
  afterEach(() => fixture.close());

  it('creates the pizza shop\'s toppings as a multi-value slot, and a second deploy changes nothing', async () => {
    fixture = await startDeployFixture();
    const first = await fixture.deploy({ intentsDir: pizzaShop, botName: 'PizzaShop' });
    const created = first.applied.length;
    expect(created).toBeGreaterThan(0);
    const slotWrites = fixture.emulator.calls.filter((call) => call.operation === 'CreateSlot').map((call) => call.body as { slotName: string; multipleValuesSetting?: unknown });
    expect(slotWrites.find((slot) => slot.slotName === 'toppings')?.multipleValuesSetting).toEqual({ allowMultipleValues: true });
    expect(slotWrites.find((slot) => slot.slotName === 'size')?.multipleValuesSetting).toBeUndefined();
    const again = await fixture.deploy({ intentsDir: pizzaShop, botName: 'PizzaShop' });
    expect(again.plan.steps).toEqual([]);
  });

  it('deploys a locale without multi-value slots as one-value slots, which the service takes', async () => {
    fixture = await startDeployFixture();
    await expect(fixture.deploy({ intentsDir: undefined, model: pizzaModel('es-US'), botName: 'PizzaEs' })).resolves.toBeDefined();
  });
});
