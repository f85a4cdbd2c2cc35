import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  builtInIntents,
  builtInUtterances,
  findIntent,
  normaliseUtterance,
  parseUtteranceMarkup,
  readIntents,
  utteranceText,
} from '../../src/content/index.js';
import { lines, writeTree } from './helpers.js';

const folders: string[] = [];
async function load(files: Record<string, string>) {
  const root = await writeTree(files);
  folders.push(root);
  return { root, ...(await readIntents(root)) };
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

const normalised = (text: string) => normaliseUtterance(parseUtteranceMarkup(text));

describe('built-in repair intents', () => {
  it.each([
    ['en-US', 20],
    ['es-US', 12],
  ])('has at least %s utterances per intent for %s', (locale, minimum) => {
    for (const { name } of builtInIntents) {
      expect(builtInUtterances(locale, name).length, name).toBeGreaterThanOrEqual(minimum);
    }
  });

  it.each(['en-US', 'es-US'])('never says the same thing twice in %s, within or across intents', (locale) => {
    const owner = new Map<string, string>();
    for (const { name } of builtInIntents) {
      for (const text of builtInUtterances(locale, name)) {
        const key = normalised(text);
        expect(owner.get(key), `"${text}" in ${name}`).toBeUndefined();
        owner.set(key, name);
      }
    }
  });

  it('does not claim typical task requests', () => {
    const all = new Set(builtInIntents.flatMap(({ name }) => builtInUtterances('en-US', name).map(normalised)));
    const tasks = ['cancel my order', 'cancel my appointment', 'I need help with my bill', 'stop my subscription', 'repeat my last order', 'start my service', 'restart my router'];
    for (const task of tasks) expect(all.has(normalised(task)), task).toBe(false);
  });

  it('uses the language, so en-GB and es-MX get them and fr-FR does not', () => {
    expect(builtInUtterances('en-GB', 'Repeat')).toEqual(builtInUtterances('en-US', 'Repeat'));
    expect(builtInUtterances('es-MX', 'Cancel')).toEqual(builtInUtterances('es-US', 'Cancel'));
    expect(builtInUtterances('fr-FR', 'Cancel')).toEqual([]);
    expect(builtInUtterances('en-US', 'BookAppointment')).toEqual([]);
  });
});

describe('built-in intents in a locale model', () => {
  it('gives every English and Spanish locale the four intents with their roles, last', async () => {
    const { model, problems } = await load({
      'en-US/a.yaml': lines('intents:', '  - {name: Pay, utterances: [pay my bill]}'),
      'es-US/a.yaml': lines('slotTypes:', '  - {name: Plan, values: [básico]}'),
    });
    expect(problems).toEqual([]);
    const english = model.locales['en-US']!;
    expect(english.intents.map((intent) => [intent.name, intent.builtIn])).toEqual([
      ['Pay', undefined],
      ['Help', 'help'],
      ['Cancel', 'cancel'],
      ['StartOver', 'start-over'],
      ['Repeat', 'repeat'],
    ]);
    const spanishCancel = findIntent(model.locales['es-US']!, 'Cancel')!;
    expect(spanishCancel.utterances.map(utteranceText)).toContain('olvídalo');
    expect(spanishCancel.source).toBeUndefined();
  });

  it('merges an intent file definition into the built-in: utterances added, repeats dropped, prompts kept', async () => {
    const { root, model, problems } = await load({
      'en-US/cancel.yaml': lines(
        'intents:',
        '  - name: Cancel',
        '    utterances:',
        '      - cancel the booking',
        '      - Never mind!',
        '    fulfilled: OK, I have cancelled that.',
      ),
    });
    expect(problems).toEqual([]);
    const cancel = findIntent(model.locales['en-US']!, 'Cancel')!;
    const texts = cancel.utterances.map(utteranceText);
    expect(cancel.builtIn).toBe('cancel');
    expect(cancel.fulfilled).toEqual({ variations: ['OK, I have cancelled that.'] });
    expect(cancel.source).toEqual({ file: join(root, 'en-US/cancel.yaml'), line: 2, column: 5 });
    expect(texts).toEqual([...builtInUtterances('en-US', 'Cancel'), 'cancel the booking']);
    expect(texts).not.toContain('Never mind!');
  });

  it('lets a file add prompts to a built-in intent without utterances of its own', async () => {
    const { model, problems } = await load({ 'en-US/help.yaml': lines('intents:', '  - name: Help', '    fulfilled: I can book visits.') });
    expect(problems).toEqual([]);
    expect(findIntent(model.locales['en-US']!, 'Help')?.fulfilled).toEqual({ variations: ['I can book visits.'] });
  });

  it('reports a task intent that uses a built-in utterance', async () => {
    const { root, problems } = await load({ 'en-US/a.yaml': lines('intents:', '  - name: CancelOrder', '    utterances: [cancel my order, Forget it.]') });
    expect(problems).toEqual([
      {
        file: join(root, 'en-US/a.yaml'),
        line: 3,
        column: 35,
        message: 'utterance "Forget it." of intent CancelOrder is already an utterance of the built-in intent Cancel',
        hint: 'remove it from CancelOrder, or add it to Cancel by defining an intent named Cancel',
      },
    ]);
  });

  it('reports a built-in name in the wrong case', async () => {
    const { problems } = await load({ 'en-US/a.yaml': lines('intents:', '  - {name: help, utterances: [assist me]}') });
    expect(problems.map(({ line, column, message }) => `${line}:${column} ${message}`)).toEqual([
      '2:12 intent help differs only in case from the built-in intent Help',
    ]);
  });

  it('leaves them out of a locale Parley has no utterances for, unless the files define them', async () => {
    const { model, problems } = await load({
      'fr-FR/a.yaml': lines('intents:', '  - {name: Payer, utterances: [payer ma facture]}', '  - {name: Help, utterances: [aide]}'),
    });
    expect(problems).toEqual([]);
    expect(model.locales['fr-FR']!.intents.map((intent) => [intent.name, intent.builtIn])).toEqual([
      ['Payer', undefined],
      ['Help', 'help'],
    ]);
    expect(findIntent(model.locales['fr-FR']!, 'Help')?.utterances.map(utteranceText)).toEqual(['aide']);
  });

  it('reports a built-in without utterances in a locale Parley has none for', async () => {
    const { problems } = await load({ 'fr-FR/a.yaml': lines('intents:', '  - name: Cancel', '    fulfilled: Annulé.') });
    expect(problems.map(({ line, column, message }) => `${line}:${column} ${message}`)).toEqual(['2:11 intent Cancel has no utterances']);
  });
});
