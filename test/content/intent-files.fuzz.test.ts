// Property-based fuzzing of intent files (fast-check): damaged copies of the reference assistant's
// files, and random files shaped like intent files, are read or refused with problems that point at
// a line and column, never an exception; whatever loads trains a recognizer and answers a turn.
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { createBot, defineBot, defineDialog, readIntents } from 'parley-sdk';
import { parseIntentFile } from '../../src/content/index.js';
import { fuzzParameters, fuzzTimeout } from '../support/fuzz.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-intents-fuzz-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const reference = ['orders.yaml', 'appointments.yaml', 'slot-types.yaml', 'greeting-and-goodbye.yaml'].map((name) => ({
  name,
  text: readFileSync(new URL(`../../intents/en-US/${name}`, import.meta.url), 'utf8'),
}));

/** A reference file with damage: a byte changed, a line dropped or repeated, its indentation shifted, or cut short. */
const damagedFiles = fc
  .tuple(fc.constantFrom(...reference), fc.array(fc.tuple(fc.constantFrom('byte', 'drop', 'repeat', 'indent', 'cut'), fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }))
  .map(([file, damages]) => {
    let lines = file.text.split('\n');
    for (const [damage, at, bytes] of damages) {
      if (lines.length === 0) break;
      const index = at % lines.length;
      const line = lines[index]!;
      if (damage === 'byte') lines[index] = `${line.slice(0, at % (line.length + 1))}${bytes}${line.slice((at % (line.length + 1)) + 1)}`;
      else if (damage === 'drop') lines.splice(index, 1);
      else if (damage === 'repeat') lines.splice(index, 0, line);
      else if (damage === 'indent') lines[index] = at % 2 ? `  ${line}` : line.trimStart();
      else lines = lines.slice(0, index);
    }
    return { name: file.name, text: lines.join('\n') };
  });

const words = fc.constantFrom('order', 'pizza', 'where', 'is', 'my', 'AB123456', 'book', 'a', 'repair', 'tomorrow', '{', '}', '{date}', '{orderNumber=AB123456}', '=', 'ñ', '😀');
const utterance = fc.array(words, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
const name = fc.oneof(fc.constantFrom('OrderPizza', 'CheckOrderStatus', 'orderNumber', 'date', 'PizzaSize', 'OrderNumber', 'AMAZON.Date'), fc.string({ maxLength: 12 }));
const pattern = fc.oneof(fc.constantFrom('[A-Z]{2}[0-9]{6}', '(a+)+$', '(?=x)x', '\\1', '[', '.*', '\\d{5}', '(a|aa)*b'), fc.string({ maxLength: 12 }));
const anything = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 20 }));

/** Random files shaped like intent files: the right keys, values of any kind. */
const shapedFiles = fc
  .record({
    intents: fc.array(
      fc.record({
        name,
        utterances: fc.oneof(fc.array(utterance, { maxLength: 12 }), anything),
        slots: fc.oneof(fc.array(fc.record({ name, type: name, prompt: fc.oneof(fc.string({ maxLength: 20 }), anything), required: fc.oneof(fc.boolean(), anything) }, { requiredKeys: ['name'] }), { maxLength: 3 }), anything),
        confirmation: fc.oneof(fc.record({ prompt: fc.string({ maxLength: 30 }) }), anything),
        description: anything,
      }, { requiredKeys: ['name'] }),
      { maxLength: 3 },
    ),
    slotTypes: fc.array(
      fc.oneof(
        fc.record({ name, values: fc.oneof(fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.record({ value: fc.string({ maxLength: 10 }), synonyms: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }) })), { maxLength: 5 }), anything) }, { requiredKeys: ['name'] }),
        fc.record({ name, pattern, examples: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), separators: fc.string({ maxLength: 3 }), caseInsensitive: anything }, { requiredKeys: ['name', 'pattern'] }),
      ),
      { maxLength: 2 },
    ),
  }, { requiredKeys: [] })
  .map((file) => ({ name: 'shaped.yaml', text: toYaml(file) }));

const files = fc.oneof(damagedFiles, shapedFiles, fc.string({ unit: 'binary', maxLength: 300 }).map((text) => ({ name: 'noise.yaml', text })));

function expectProblemsPointSomewhere(problems: ReadonlyArray<{ file: string; line: number; column: number; message: string }>): void {
  for (const problem of problems) {
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

describe('intent files under fuzzing', () => {
  it('parseIntentFile reads or refuses any file with problems at a line and column, never throws', () => {
    let refused = 0;
    fc.assert(
      fc.property(files, (file) => {
        const { problems } = parseIntentFile(file.text, `intents/en-US/${file.name}`, 'en-US');
        expectProblemsPointSomewhere(problems);
        if (problems.length > 0) refused += 1;
      }),
      fuzzParameters(600),
    );
    expect(refused).toBeGreaterThan(100);
  }, fuzzTimeout(600, 10));

  it('readIntents reads or refuses a damaged locale; a locale that loads trains a bot that answers', async () => {
    let loaded = 0;
    let case_ = 0;
    await fc.assert(
      // Whole files among the damaged ones, so that some locales load and reach the recognizer and the engine.
      fc.asyncProperty(fc.array(fc.oneof({ arbitrary: fc.constantFrom(...reference), weight: 3 }, { arbitrary: files, weight: 2 }), { minLength: 1, maxLength: 3 }), utterance, async (picked, said) => {
        const folder = join(scratch, `case-${case_++}`);
        await mkdir(join(folder, 'en-US'), { recursive: true });
        for (const [index, file] of picked.entries()) await writeFile(join(folder, 'en-US', `${index}-${file.name}`), file.text);
        const { model, problems } = await readIntents(folder);
        expectProblemsPointSomewhere(problems);
        const intents = model.locales['en-US']?.intents.filter((intent) => !intent.builtIn) ?? [];
        if (problems.length > 0 || intents.length === 0) return;
        loaded += 1;
        const bot = await createBot(defineBot({ name: 'Fuzzed', intents: model, dialogs: intents.slice(0, 2).map((intent) => defineDialog({ intent: intent.name, slots: Object.fromEntries(intent.slots.map((slot) => [slot.name, { prompt: 'Tell me.' }])), fulfil: () => 'Done.' })) }));
        const reply = await bot.handle({ conversationId: 'fuzz-1', channel: 'test', content: { kind: 'text', text: said } });
        expect(reply.messages.length).toBeGreaterThan(0);
      }),
      fuzzParameters(60),
    );
    expect(loaded).toBeGreaterThan(5);
  }, fuzzTimeout(60, 500));
});
