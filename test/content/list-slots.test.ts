import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIntentModel, parseIntentFile, readIntents } from '../../src/content/index.js';
import { writeIntentFiles } from '../../src/content/write-intent-files.js';
import { lines } from './helpers.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-list-slots-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const pizza = (multiple: string) =>
  lines(
    'intents:',
    '  - name: OrderPizza',
    '    utterances:',
    '      - a pizza with {toppings=olives and peppers}',
    '    slots:',
    '      - name: toppings',
    '        type: Topping',
    `        multiple: ${multiple}`,
    '        prompt: Which toppings?',
    'slotTypes:',
    '  - name: Topping',
    '    values: [olives, peppers]',
  );

describe('multiple: true in intent files', () => {
  it('marks the slot as holding a list; false is the same as leaving it out', () => {
    const slotOf = (multiple: string) => parseIntentFile(pizza(multiple), 'intents/en-US/pizza.yaml', 'en-US').intents[0]!.slots[0]!;
    expect(slotOf('true').multiple).toBe(true);
    expect(slotOf('false')).not.toHaveProperty('multiple');
  });

  it('reports a value other than true or false where it is written', () => {
    const { problems } = parseIntentFile(pizza('several'), 'intents/en-US/pizza.yaml', 'en-US');
    expect(problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 8, column: 19, message: '`multiple` of slot toppings of intent OrderPizza should be true or false, not text (`several`)' },
    ]);
  });

  it('is written back by writeIntentFiles, and read again the same', async () => {
    const model = buildIntentModel({
      locale: 'en-US',
      intents: [{ name: 'OrderPizza', utterances: ['a pizza with {toppings}'], slots: [{ name: 'toppings', type: 'Topping', multiple: true, prompt: 'Which toppings?' }] }],
      slotTypes: [{ name: 'Topping', values: ['olives', 'peppers'] }],
    });
    const dir = join(scratch, 'written');
    await writeIntentFiles(model, dir);
    expect(await readFile(join(dir, 'en-US', 'order-pizza.yaml'), 'utf8')).toContain('multiple: true');
    const reread = await readIntents(dir);
    expect(reread.problems).toEqual([]);
    expect(reread.model.locales['en-US']!.intents[0]!.slots[0]).toMatchObject({ name: 'toppings', multiple: true });
  });
});
