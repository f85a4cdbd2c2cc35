// `parley clu build | import | deploy`, run in-process against the CLU emulator.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cluCommand } from '../../src/cli/clu.js';
import { loadIntents, readIntents } from '../../src/content/index.js';
import { ConfigurationError, IntentFileError } from '../../src/core/errors.js';
import { startCluEmulator } from '../../src/testing/emulators/clu/index.js';
import { compileCluProject, diffCluProjects } from '../../bot-deploy/azure-clu/index.js';
import { cluCorpusAvailable, corpusProjects } from '../bot-deploy/azure-clu/clu-corpus.js';

const intents = fileURLToPath(new URL('../../intents/', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'parley-clu-'));
const clu = await startCluEmulator({ apiKey: 'cli-key' });
afterAll(async () => {
  await clu.close();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

/** Runs `parley clu …` and returns what it printed. */
async function parley(...args: string[]): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...line: unknown[]) => void printed.push(line.join(' ')));
  await cluCommand().parseAsync(args, { from: 'user' });
  return printed.join('\n');
}

const deployArgs = (dir: string, ...more: string[]) => ['deploy', dir, '--endpoint', clu.url, '--project', 'Parley', '--api-key-env', 'PARLEY_TEST_CLU_KEY', '--poll-interval', '1', ...more];
process.env.PARLEY_TEST_CLU_KEY = 'cli-key';
const writes = () => clu.calls.filter((call) => call.method !== 'GET' && !call.path.endsWith('/:export')).length;

describe('parley clu build', () => {
  it('writes the project file and says what is in it', async () => {
    const out = join(scratch, 'build', 'acme.json');
    const printed = await parley('build', intents, '--out', out, '--project', 'Acme', '--threshold', '0.3');
    const project = JSON.parse(await readFile(out, 'utf8'));
    expect(project).toMatchObject({ projectFileVersion: '2023-04-01', metadata: { projectName: 'Acme', language: 'en-us', settings: { confidenceThreshold: 0.3 } } });
    expect(printed).toBe(`Wrote ${out}: CLU project Acme (en-us): ${project.assets.intents.length} intents (None included), ${project.assets.entities.length} entities, ${project.assets.utterances.length} utterances`);
  });

  it('says which Lex-only intents the project leaves out', async () => {
    const files = join(scratch, 'with-lex-only');
    await mkdir(join(files, 'en-US', 'lex-passthrough', 'AmazonQinConnect'), { recursive: true });
    await writeFile(join(files, 'en-US', 'orders.yaml'), 'intents:\n  - name: Orders\n    utterances: [where is my order]\n');
    await writeFile(join(files, 'en-US', 'lex-passthrough', 'AmazonQinConnect', 'Intent.json'), JSON.stringify({ name: 'AmazonQinConnect', parentIntentSignature: 'AMAZON.QInConnectIntent' }));
    const printed = await parley('build', files, '--out', join(scratch, 'build', 'lex-only.json'));
    expect(printed).toContain('Not in the project (only the Lex build carries them):\n  en-US: AmazonQinConnect (AMAZON.QInConnectIntent) is a Lex-only intent, not in the project');
  });
});

describe('parley clu import', () => {
  it('writes intent files that load back to the same project', async () => {
    const file = join(scratch, 'parley.json');
    const compiled = compileCluProject(await loadIntents(intents), { projectName: 'Parley' });
    await writeFile(file, JSON.stringify(compiled));
    const out = join(scratch, 'imported');
    const printed = await parley('import', file, '--out', out);
    expect(printed).toMatch(/^Imported CLU project Parley into .*imported: \d+ files/);
    expect(printed).toContain('To build it again: parley clu build');
    const { model, problems } = await readIntents(out);
    expect(problems).toEqual([]);
    expect(diffCluProjects(compiled, compileCluProject(model, { projectName: 'Parley' }))).toEqual([]);
  });

  it.runIf(cluCorpusAvailable)('imports EmailAppDemo into files the loader accepts, printing the report', async () => {
    const file = join(scratch, 'email.json');
    await writeFile(file, JSON.stringify(corpusProjects().find((item) => item.name.includes('EmailAppDemo'))!.json));
    const out = join(scratch, 'email');
    const printed = await parley('import', file, '--out', out);
    expect(printed).toMatch(/Not imported or changed \(\d+ items\):\n {2}intent Cancel/);
    expect(printed).not.toContain('problems to fix');
    expect((await readIntents(out)).problems).toEqual([]);
  });

  it('refuses a file that is not JSON', async () => {
    const file = join(scratch, 'broken.json');
    await writeFile(file, '{ "projectFileVersion": ');
    await expect(parley('import', file, '--out', join(scratch, 'never'))).rejects.toThrow(ConfigurationError);
  });
});

describe('parley clu deploy', () => {
  it('plans without writing, deploys, then finds nothing to do', async () => {
    const before = writes();
    const planned = await parley(...deployArgs(intents, '--plan'));
    expect(planned).toMatch(/^CLU project Parley, deployment production \(http:\/\/127\.0\.0\.1:\d+\):\n {2}\+ project Parley\n/);
    expect(planned).toMatch(/utterance changes in all: \d+ added, 0 removed, 0 changed/);
    expect(writes()).toBe(before);
    const deployed = await parley(...deployArgs(intents));
    expect(deployed).toMatch(/Importing project Parley…\nTraining model parley-[0-9a-f]{16}…\nDeploying to production…\nDeployed: Parley\/production serves model parley-[0-9a-f]{16}$/);
    const again = await parley(...deployArgs(intents));
    expect(again).toMatch(/: up to date, nothing to change$/);
    expect(writes()).toBe(before + 3);
  });

  it('refuses files with lint errors before any call', async () => {
    const broken = join(scratch, 'broken-intents', 'en-US');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'orders.yaml'), 'intents:\n  - name: TrackOrder\n    utterances: [track order {order}]\n    slots:\n      - name: order\n        type: NoSuchType\n');
    const calls = clu.calls.length;
    await expect(parley(...deployArgs(join(scratch, 'broken-intents')))).rejects.toThrow(IntentFileError);
    expect(clu.calls.length).toBe(calls);
  });

  it('needs the key in the named variable, and https unless the endpoint is this machine', async () => {
    await expect(parley(...deployArgs(intents, '--api-key-env', 'PARLEY_TEST_NO_SUCH_VARIABLE'))).rejects.toThrow(/PARLEY_TEST_NO_SUCH_VARIABLE: is not set/);
    await expect(parley('deploy', intents, '--endpoint', 'http://clu.example.com', '--project', 'Parley', '--api-key-env', 'PARLEY_TEST_CLU_KEY')).rejects.toThrow(/must be https/);
  });
});
