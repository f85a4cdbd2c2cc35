import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadIntents } from '../../../src/content/index.js';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { ConfigurationError } from '../../../src/core/errors.js';
import { sampleValuesOf } from '../../../src/nlu/local/sample-values.js';
import { cluProjectSchema, compileCluProject } from '../../../bot-deploy/azure-clu/index.js';
import { cluEntitySchema } from '../../../bot-deploy/azure-clu/clu-project.js';
import { model as bilingual } from '../../nlu/azure-clu/clu-fixture.js';
import { cluCorpusAvailable, corpusProjects, keySets } from './clu-corpus.js';

const reference = await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url)));
const project = compileCluProject(reference, { projectName: 'Parley', description: 'Acme Telecom' });
const english = reference.locales['en-US']!;

describe('compileCluProject on the reference assistant', () => {
  it('writes a 2023-04-01 conversation project that the importer’s schema reads', () => {
    expect(cluProjectSchema.safeParse(project).success).toBe(true);
    expect(project).toMatchObject({
      projectFileVersion: '2023-04-01',
      stringIndexType: 'Utf16CodeUnit',
      metadata: { projectKind: 'Conversation', projectName: 'Parley', language: 'en-us', multilingual: false, description: 'Acme Telecom', settings: { confidenceThreshold: 0 } },
    });
    expect(project.assets.intents.map((intent) => intent.category)).toEqual([...english.intents.map((intent) => intent.name), 'None']);
  });

  it.runIf(cluCorpusAvailable)('uses the keys real projects use, object kind by object kind', () => {
    const corpus = keySets(corpusProjects().map((item) => item.json).filter((json) => !Array.isArray(json)));
    const compiled = keySets([project]);
    for (const kind of ['project', 'metadata', 'settings', 'assets', 'intent']) expect([...compiled.get(kind)!].sort(), kind).toEqual([...corpus.get(kind)!].sort());
    for (const kind of ['utterance', 'label', 'expression']) expect([...corpus.get(kind)!], kind).toEqual(expect.arrayContaining([...compiled.get(kind)!]));
    // Entities: the corpus holds learned and regex ones; lists, prebuilts and requiredComponents are in the schema the importer reads.
    const allowed = Object.keys(cluEntitySchema.shape);
    expect(allowed).toEqual(expect.arrayContaining([...compiled.get('entity')!]));
    expect([...compiled.get('entity')!]).toEqual(expect.arrayContaining([...corpus.get('entity')!]));
  });

  it('names each entity after its slot, with the component of the slot’s type', () => {
    const entity = (name: string) => project.assets.entities.find((item) => item.category === name);
    expect(project.assets.entities.map((item) => item.category).sort()).toEqual(['date', 'email', 'orderNumber', 'service', 'time', 'zipCode']);
    expect(entity('service')).toMatchObject({ compositionSetting: 'combineComponents', requiredComponents: ['list'] });
    expect(entity('service')!.list!.sublists.find((sublist) => sublist.listKey === 'repair')).toEqual({
      listKey: 'repair',
      synonyms: [{ language: 'en-us', values: expect.arrayContaining(['repair', 'fix', 'broken', 'not working']) }],
    });
    expect(entity('date')).toEqual({ category: 'date', compositionSetting: 'combineComponents', prebuilts: [{ category: 'DateTime' }] });
    expect(entity('time')!.prebuilts).toEqual([{ category: 'DateTime' }]);
    expect(entity('email')!.prebuilts).toEqual([{ category: 'Email' }]);
    expect(entity('orderNumber')!.regex).toEqual({ expressions: [{ regexKey: 'OrderNumber', language: 'en-us', regexPattern: '(?i)[A-Z]{2}[0-9]{6}' }] });
    expect(entity('orderNumber')!.requiredComponents).toBeUndefined();
  });

  it('labels every slot where its example, or a sample value of its type, stands in the text', () => {
    const utterances = english.intents.flatMap((intent) => intent.utterances.map((utterance) => ({ intent, utterance })));
    expect(project.assets.utterances).toHaveLength(utterances.length);
    let placeholders = 0;
    utterances.forEach(({ intent, utterance }, index) => {
      const compiled = project.assets.utterances[index]!;
      expect(compiled.intent).toBe(intent.name);
      const slots = utterance.parts.filter((part) => part.kind === 'slot');
      expect(compiled.entities.map((label) => label.category)).toEqual(slots.map((part) => part.slot));
      slots.forEach((part, labelIndex) => {
        const label = compiled.entities[labelIndex]!;
        const words = compiled.text.slice(label.offset, label.offset + label.length);
        if (part.example !== undefined) return expect(words).toBe(part.example);
        placeholders++;
        expect(sampleValuesOf(intent.slots.find((slot) => slot.name === part.slot)!.type, english)).toContain(words);
      });
    });
    expect(placeholders).toBeGreaterThan(5);
    expect(project.assets.utterances.find((item) => item.text === 'I need a repair tomorrow at 3pm')!.entities).toEqual([
      { category: 'service', offset: 9, length: 6 },
      { category: 'date', offset: 16, length: 8 },
      { category: 'time', offset: 25, length: 6 },
    ]);
  });

  it('gives the same project for the same files, byte for byte', async () => {
    const again = compileCluProject(await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url))), { projectName: 'Parley', description: 'Acme Telecom' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(project));
  });
});

describe('compileCluProject', () => {
  it('makes a multilingual project of several locales: the first is the project language, utterances name theirs', () => {
    const compiled = compileCluProject(bilingual, { projectName: 'Parley' });
    expect(compiled.metadata).toMatchObject({ language: 'en-us', multilingual: true });
    expect(new Set(compiled.assets.utterances.map((item) => item.language))).toEqual(new Set(['en-us', 'es-us']));
    expect(compiled.assets.utterances.find((item) => item.text === 'hola')).toEqual({ text: 'hola', intent: 'Greeting', language: 'es-us', entities: [] });
    const spanishFirst = compileCluProject(bilingual, { projectName: 'Parley', locales: ['es-US'] });
    expect(spanishFirst.metadata).toMatchObject({ language: 'es-us', multilingual: false });
    expect(spanishFirst.assets.utterances[0]).not.toHaveProperty('language');
  });

  it('counts offsets in UTF-16 code units, as JavaScript strings do', () => {
    const model: IntentModel = {
      locales: {
        'en-US': {
          locale: 'en-US',
          slotTypes: [],
          intents: [{ name: 'Rate', slots: [{ name: 'stars', type: 'number', required: true, aliases: [] }], utterances: [{ parts: [{ kind: 'text', text: '👍🏽 give it ' }, { kind: 'slot', slot: 'stars', example: '5' }] }, { parts: [{ kind: 'text', text: 'rate ' }, { kind: 'slot', slot: 'stars' }] }, { parts: [{ kind: 'text', text: 'score ' }, { kind: 'slot', slot: 'stars' }] }] }],
        },
      },
    };
    const [first, second, third] = compileCluProject(model, { projectName: 'Ratings' }).assets.utterances;
    expect(first).toEqual({ text: '👍🏽 give it 5', intent: 'Rate', entities: [{ category: 'stars', offset: 13, length: 1 }] }); // 👍🏽 is 4 code units
    // Placeholders take the type's sample values in turn.
    expect([second!.text, third!.text]).toEqual(['rate 42', 'score 3']);
  });

  it('refuses a project name CLU refuses, and a locale the files do not have', () => {
    expect(() => compileCluProject(reference, { projectName: 'Acme Telecom' })).toThrow(ConfigurationError);
    expect(() => compileCluProject(reference, { projectName: 'Parley', locales: ['fr-FR'] })).toThrow(/fr-FR is not a locale/);
    expect(() => compileCluProject(reference, { projectName: 'Parley', confidenceThreshold: 2 })).toThrow(/between 0 and 1/);
  });
});
