import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIntentModel, loadIntents, readIntents } from '../../src/content/index.js';
import type { IntentModel } from '../../src/content/intent-model.js';
import { writeIntentFiles } from '../../src/content/write-intent-files.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { withoutSources } from './helpers.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-write-intents-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
let folders = 0;
const freshFolder = () => join(scratch, `out-${++folders}`);

/** Intents come back in file-name order; everything else in the order written. */
function comparable(model: IntentModel): unknown {
  const plain = withoutSources(model) as IntentModel;
  for (const locale of Object.values(plain.locales)) locale.intents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return plain;
}

describe('writeIntentFiles', () => {
  it('writes the reference assistant so that readIntents loads the same model, without problems', async () => {
    const model = await loadIntents(fileURLToPath(new URL('../../intents/', import.meta.url)));
    const dir = freshFolder();
    const { files } = await writeIntentFiles(model, dir);
    const names = (await readdir(join(dir, 'en-US'))).sort();
    expect(names).toContain('book-appointment.yaml');
    expect(names).toContain('slot-types.yaml');
    // Repair intents that add nothing to Parley's own get no file.
    expect(names).not.toContain('help.yaml');
    expect(files).toHaveLength(names.length);
    const reread = await readIntents(dir);
    expect(reread.problems).toEqual([]);
    expect(comparable(reread.model)).toEqual(comparable(model));
  });

  it('writes one intent a file in the documented format', async () => {
    const model = buildIntentModel({
      locale: 'en-US',
      intents: [
        {
          name: 'Book_Visit',
          description: 'Book a visit.',
          utterances: ['{service=repair} please', 'book a {service} for {date}', 'yes, on monday'],
          slots: [
            { name: 'service', type: 'ServiceType', prompt: ['Which visit?', 'What kind of visit, repair or install?'], reprompt: 'Repair or install?', help: 'We repair, and install.', maxAttempts: 4, aliases: ['visit'] },
            { name: 'date', type: 'date', required: false },
          ],
          confirmation: { prompt: 'Book {service} on {date}?', declined: 'OK, what should change?' },
          fulfilled: 'Booked.',
        },
        { name: 'Help', utterances: ['what now'] },
      ],
      slotTypes: [
        { name: 'ServiceType', values: ['repair', { value: 'install', synonyms: ['set up'] }], restrict: false },
        { name: 'Zip', pattern: '[0-9]{5}', caseInsensitive: false, separators: ' ', transform: 'upper', examples: ['94105'] },
      ],
    });
    const dir = freshFolder();
    await writeIntentFiles(model, dir);
    expect((await readdir(join(dir, 'en-US'))).sort()).toEqual(['book-visit.yaml', 'help.yaml', 'slot-types.yaml']);
    const visit = await readFile(join(dir, 'en-US', 'book-visit.yaml'), 'utf8');
    expect(visit).toContain('- "{service=repair} please"');
    expect(visit).toContain('required: false');
    expect(visit).toContain('maxAttempts: 4');
    // The help intent file holds only what it adds to Parley's utterances.
    expect(await readFile(join(dir, 'en-US', 'help.yaml'), 'utf8')).toBe('intents:\n  - name: Help\n    utterances:\n      - what now\n');
    expect(await readFile(join(dir, 'en-US', 'slot-types.yaml'), 'utf8')).toContain('examples: ["94105"]');
    const reread = await readIntents(dir);
    expect(reread.problems).toEqual([]);
    expect(comparable(reread.model)).toEqual(comparable(model));
  });

  it('refuses a folder that is not empty, and with overwrite replaces its locale folders\' YAML files', async () => {
    const model = buildIntentModel({ locale: 'en-US', intents: [{ name: 'Greet', utterances: ['hello'] }] });
    const dir = freshFolder();
    await mkdir(join(dir, 'en-US'), { recursive: true });
    await writeFile(join(dir, 'en-US', 'old-intent.yaml'), 'intents:\n  - name: Old\n    utterances: [old times]\n');
    await writeFile(join(dir, 'README.md'), 'kept\n');
    await expect(writeIntentFiles(model, dir)).rejects.toBeInstanceOf(ConfigurationError);
    await writeIntentFiles(model, dir, { overwrite: true });
    expect((await readdir(join(dir, 'en-US'))).sort()).toEqual(['greet.yaml']);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('kept\n');
    expect(comparable((await readIntents(dir)).model)).toEqual(comparable(model));
  });

  it('gives intents whose file names would clash their own files', async () => {
    const model = buildIntentModel({ locale: 'en-US', intents: [{ name: 'BookHotel', utterances: ['book a hotel'] }, { name: 'Book_Hotel', utterances: ['reserve a room'] }, { name: 'slot-types', utterances: ['what types'] }], slotTypes: [{ name: 'Size', values: ['small'] }] });
    const dir = freshFolder();
    await writeIntentFiles(model, dir);
    expect((await readdir(join(dir, 'en-US'))).sort()).toEqual(['book-hotel-2.yaml', 'book-hotel.yaml', 'slot-types-2.yaml', 'slot-types.yaml']);
    expect(comparable((await readIntents(dir)).model)).toEqual(comparable(model));
  });
});
