import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadIntents } from '../../../src/content/index.js';
import { ParleyError } from '../../../src/core/errors.js';
import { compileCluProject, diffCluProjects, importCluProject, type CluProject, type LossItem } from '../../../bot-deploy/azure-clu/index.js';
import { cluCorpusAvailable, corpusProjects } from './clu-corpus.js';

const reference = await loadIntents(fileURLToPath(new URL('../../../intents/', import.meta.url)));

/** Every change between the file and the project compiled from its import must be one the report names. */
function unexplained(changes: ReturnType<typeof diffCluProjects>, report: LossItem[]) {
  return changes.filter((change) => !report.some((item) => item.kind === change.kind && item.subject === change.name));
}

describe.runIf(cluCorpusAvailable)('importCluProject on the corpus', () => {
  const projects = corpusProjects();

  it('reads every project, and compiling the import gives the project back but for what the report names', () => {
    expect(projects.length).toBeGreaterThanOrEqual(3);
    for (const { name, json } of projects) {
      const { model, settings, report } = importCluProject(json);
      const compiled = compileCluProject(model, { projectName: settings.projectName, description: settings.description, confidenceThreshold: settings.confidenceThreshold });
      // An utterances file has no project around it: compare its utterances inside the compiled project.
      const original = Array.isArray(json) ? { ...compiled, assets: { ...compiled.assets, utterances: json } } : json;
      const changes = diffCluProjects(original as CluProject, compiled);
      expect(unexplained(changes, report), name).toEqual([]);
      const kept = compiled.assets.utterances.length;
      const total = (Array.isArray(json) ? json : (json as CluProject).assets.utterances).length;
      expect(kept, name).toBe(total - report.filter((item) => item.kind === 'utterance' && item.message.endsWith('left out')).length);
    }
  });

  it('reads EmailAppDemo: two languages, learned entities as text slots, the None examples reported', () => {
    const { json } = projects.find((item) => item.name.includes('EmailAppDemo'))!;
    const { model, settings, report } = importCluProject(json);
    expect(settings).toEqual({ projectName: 'EmailAppDemo', language: 'en-US', multilingual: true, description: '', confidenceThreshold: 0.7, projectFileVersion: '2022-05-01' });
    expect(Object.keys(model.locales)).toEqual(['en-US', 'de']);
    const sendEmail = model.locales['en-US']!.intents.find((intent) => intent.name === 'SendEmail')!;
    expect(sendEmail.slots.length).toBeGreaterThan(0);
    expect(sendEmail.slots.every((slot) => slot.type === 'text' && !slot.required)).toBe(true);
    expect(report.filter((item) => item.message.includes('out-of-scope'))).toHaveLength(7);
    expect(report.filter((item) => item.message.includes('returnLongestOverlap'))).toHaveLength(14);
  });

  it('reads the REST spec’s example: the Test utterance kept and reported, the unlabelled regex entity reported', () => {
    const { json } = projects.find((item) => item.name.includes('SuccessfulImportProject'))!;
    const { model, report } = importCluProject(json);
    expect(Object.keys(model.locales)).toEqual(['en-US', 'en-GB']);
    expect(model.locales['en-US']!.intents.find((intent) => intent.name === 'Read')!.utterances[0]!.parts).toEqual([
      { kind: 'text', text: 'Open ' },
      { kind: 'slot', slot: 'Sender', example: 'Blake' },
      { kind: 'text', text: "'s email" },
    ]);
    expect(report.map((item) => [item.kind, item.subject])).toEqual([
      ['utterance', 'Delete last email'],
      ['entity', 'Number'],
    ]);
  });
});

const handmade = {
  projectFileVersion: '2022-10-01-preview',
  stringIndexType: 'Utf16CodeUnit',
  metadata: { projectKind: 'Conversation', projectName: 'Shop', language: 'en-us', multilingual: true, description: 'A shop', settings: { confidenceThreshold: 0.5 }, somethingNew: true },
  assets: {
    projectKind: 'Conversation',
    intents: [{ category: 'Order' }, { category: 'Call' }, { category: 'None' }],
    entities: [
      { category: 'size', compositionSetting: 'combineComponents', requiredComponents: ['list'], list: { sublists: [{ listKey: 'small', synonyms: [{ language: 'en-us', values: ['small', 'tiny'] }, { language: 'de', values: ['small', 'klein'] }] }, { listKey: 'large', synonyms: [{ language: 'en-us', values: ['big'] }] }] } },
      { category: 'phone', prebuilts: [{ category: 'Phone Number' }] },
      { category: 'startTime', prebuilts: [{ category: 'DateTime' }] },
      { category: 'count', prebuilts: [{ category: 'Quantity.Number' }, { category: 'Quantity.Age' }] },
      { category: 'city', prebuilts: [{ category: 'Geography.Location' }] },
      { category: 'code', regex: { expressions: [{ regexKey: 'Code', language: 'en-us', regexPattern: '(?i)[a-z]{3}[0-9]{2}' }] } },
      { category: 'unused' },
    ],
    utterances: [
      { text: '👍🏽 a tiny pizza', intent: 'Order', entities: [{ category: 'size', offset: 7, length: 4 }] },
      { text: 'eine kleine pizza', language: 'de', intent: 'Order', entities: [{ category: 'size', offset: 5, length: 6 }] },
      { text: 'call 555 123 4567 at 3pm', intent: 'Call', entities: [{ category: 'phone', offset: 5, length: 12 }, { category: 'startTime', offset: 21, length: 3 }] },
      { text: 'order 3 of abc12 to paris', intent: 'Order', entities: [{ category: 'count', offset: 6, length: 1 }, { category: 'code', offset: 11, length: 5 }, { category: 'city', offset: 20, length: 5 }] },
      { text: 'overlap here', intent: 'Order', entities: [{ category: 'size', offset: 0, length: 7 }, { category: 'count', offset: 3, length: 4 }] },
      { text: 'ring me', intent: 'Call', dataset: 'Test', entities: [] },
      { text: 'what is the weather', intent: 'None', entities: [] },
      { text: 'use {braces}', intent: 'Order', entities: [] },
    ],
  },
};

describe('importCluProject', () => {
  const { model, settings, report } = importCluProject(handmade);
  const messages = (subject: string) => report.filter((item) => item.subject === subject).map((item) => item.message);

  it('makes a locale per language (an utterance without one is in the project’s), and slots of the entities each intent labels', () => {
    expect(settings).toMatchObject({ projectName: 'Shop', language: 'en-US', multilingual: true, description: 'A shop', confidenceThreshold: 0.5, projectFileVersion: '2022-10-01-preview' });
    expect(Object.keys(model.locales)).toEqual(['en-US', 'de']);
    const order = model.locales['en-US']!.intents.find((intent) => intent.name === 'Order')!;
    expect(order.slots.map((slot) => [slot.name, slot.type, slot.required])).toEqual([
      ['size', 'SizeType', false],
      ['count', 'number', false],
      ['code', 'Code', false],
      ['city', 'text', false],
    ]);
    expect(model.locales['en-US']!.intents.find((intent) => intent.name === 'Call')!.slots.map((slot) => [slot.name, slot.type])).toEqual([['phone', 'phone'], ['startTime', 'time']]);
    expect(order.utterances[0]!.parts).toEqual([{ kind: 'text', text: '👍🏽 a ' }, { kind: 'slot', slot: 'size', example: 'tiny' }, { kind: 'text', text: ' pizza' }]);
    expect(model.locales['en-US']!.intents.map((intent) => intent.name)).toEqual(['Order', 'Call']);
  });

  it('reads lists per language, required lists as restricted, and regexes with (?i) as case-insensitive', () => {
    const types = (locale: string) => model.locales[locale]!.slotTypes;
    expect(types('en-US').find((type) => type.name === 'SizeType')).toEqual({ kind: 'list', name: 'SizeType', restrict: true, values: [{ value: 'small', synonyms: ['tiny'] }, { value: 'large', synonyms: ['big'] }] });
    // The de Order intent has the same slots; without a de expression the regex is the en-us one (reported).
    expect(types('de')).toEqual([
      { kind: 'list', name: 'SizeType', restrict: true, values: [{ value: 'small', synonyms: ['klein'] }] },
      { kind: 'regex', name: 'Code', pattern: '[a-z]{3}[0-9]{2}', caseInsensitive: true, separators: '', transform: 'none', examples: [] },
    ]);
    expect(types('en-US').find((type) => type.name === 'Code')).toEqual({ kind: 'regex', name: 'Code', pattern: '[a-z]{3}[0-9]{2}', caseInsensitive: true, separators: '', transform: 'none', examples: ['abc12'] });
  });

  it('reads a regex RE2 refuses as a text slot, saying why and how to rewrite it', () => {
    const lookahead = structuredClone(handmade);
    lookahead.assets.entities[5] = { category: 'code', regex: { expressions: [{ regexKey: 'Code', language: 'en-us', regexPattern: '(?i)(?=[a-z])[a-z]{3}[0-9]{2}' }] } };
    const imported = importCluProject(lookahead);
    const order = imported.model.locales['en-US']!.intents.find((intent) => intent.name === 'Order')!;
    expect(order.slots.find((slot) => slot.name === 'code')?.type).toBe('text');
    expect(imported.report.filter((item) => item.subject === 'code').map((item) => item.message)).toEqual([
      expect.stringMatching(/^regex Code uses lookahead `\(\?=…\)`, which slot patterns do not support: .*RE2.*match the whole value instead.*: the slot reads any words \(type text\)$/),
    ]);
  });

  it('reports everything it leaves out or changes', () => {
    expect(messages('what is the weather')).toEqual([expect.stringMatching(/out-of-scope/)]);
    expect(messages('use {braces}')).toEqual([expect.stringMatching(/\{ or \}/)]);
    expect(messages('ring me')).toEqual([expect.stringMatching(/Test dataset/)]);
    expect(messages('overlap here')).toEqual([expect.stringMatching(/label count .* overlaps/)]);
    expect(messages('unused')).toEqual([expect.stringMatching(/labelled in no utterance/)]);
    expect(messages('count')).toEqual(['prebuilt Quantity.Age is left out: the slot takes one type, number']);
    expect(messages('city')).toEqual([expect.stringMatching(/Geography.Location has no Parley slot type/)]);
    expect(messages('size')).toEqual([expect.stringMatching(/list key large is not among its en-us synonyms/)]);
    expect(messages('code')).toEqual([expect.stringMatching(/no de expression; the de slot type uses the en-us one/)]);
    expect(report).toHaveLength(9);
  });

  it('gives the reference assistant’s project back as the intent files had it', () => {
    const project = compileCluProject(reference, { projectName: 'Parley' });
    const imported = importCluProject(JSON.parse(JSON.stringify(project)));
    expect(diffCluProjects(project, compileCluProject(imported.model, { projectName: 'Parley' }))).toEqual([]);
    const english = reference.locales['en-US']!;
    const back = imported.model.locales['en-US']!;
    expect(back.intents.map((intent) => [intent.name, intent.utterances.length, intent.slots.map((slot) => `${slot.name}:${slot.type}`)])).toEqual(
      english.intents.map((intent) => [intent.name, intent.utterances.length, intent.slots.map((slot) => `${slot.name}:${slot.type}`)]),
    );
    // Separators, transforms and unused examples are Parley's: CLU has no word for them (examples come back from the labels).
    const shape = ({ source, description, separators, transform, examples, ...rest }: Record<string, unknown>) => (void [source, description, separators, transform, examples], rest);
    expect(back.slotTypes.map((type) => shape({ ...type }))).toEqual(english.slotTypes.map((type) => shape({ ...type })));
    expect(imported.report.every((item) => item.message.includes('repair intent'))).toBe(true);
  });

  it('refuses what is not a conversation project, naming where', () => {
    const broken = structuredClone(handmade);
    broken.assets.utterances[0]!.entities[0]!.offset = -1;
    expect(() => importCluProject(broken)).toThrow(/assets\.utterances\[0\]\.entities\[0\]\.offset/);
    expect(() => importCluProject({ ...handmade, projectFileVersion: '2021-11-01-preview' })).toThrow(/projectFileVersion/);
    expect(() => importCluProject({ ...handmade, metadata: { ...handmade.metadata, projectKind: 'Orchestration' } })).toThrow(/metadata\.projectKind: only Conversation/);
    expect(() => importCluProject('{}')).toThrow(ParleyError);
  });
});
