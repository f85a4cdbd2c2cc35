// `parley lex build` and `parley lex import`, run as main runs them: a ParleyError becomes
// `parley: …` on stderr and exit code 1 (main.ts reads the package version from dist/, so the
// command is mounted on a program here the way main mounts it).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lexCommand } from '../../src/cli/lex.js';
import { ParleyError } from '../../src/core/errors.js';
import { readLexArchive } from '../../bot-deploy/lex-v2/index.js';
import { corpusPath } from '../support/shared-corpus.js';
import { lexCorpusAvailable } from '../bot-deploy/lex-v2/lex-corpus.js';

const intents = fileURLToPath(new URL('../../intents/', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'parley-lex-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function parley(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const stdout: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void stdout.push(parts.join(' ')));
  const program = new Command('parley').exitOverride().addCommand(lexCommand());
  try {
    await program.parseAsync(args, { from: 'user' });
    return { stdout: stdout.join('\n'), stderr: '', exitCode: 0 };
  } catch (error) {
    if (!ParleyError.isInstance(error)) throw error;
    return { stdout: stdout.join('\n'), stderr: `parley: ${error.message}`, exitCode: 1 };
  } finally {
    log.mockRestore();
  }
}

describe('parley lex build', () => {
  it('compiles the reference assistant into a LexJson zip and says what is in it', async () => {
    const zip = join(scratch, 'out', 'AcmeTelecom-LexJson.zip');
    const run = await parley('lex', 'build', intents, '--out', zip, '--bot-name', 'AcmeTelecom');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*AcmeTelecom-LexJson\.zip: Lex V2 bot AcmeTelecom$/m);
    expect(run.stdout).toMatch(/^ {2}en_US: 13 intents \(FallbackIntent included\), 6 slots, 3 slot types, \d+ utterances$/m);
    expect(run.stdout).toMatch(/Not in the archive \(Parley, as the code hook, still has them\):\n {2}\d+ intents with example values in utterances/);
    const archive = await readLexArchive(zip);
    expect(archive.bot.name).toBe('AcmeTelecom');
  });

  it('writes a folder, refuses one that is not empty, and replaces it with --overwrite', async () => {
    const dir = join(scratch, 'folder-out');
    expect((await parley('lex', 'build', intents, '--out', dir, '--bot-name', 'Acme')).exitCode).toBe(0);
    expect(existsSync(join(dir, 'Manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'Acme', 'BotLocales', 'en_US', 'Intents', 'FallbackIntent', 'Intent.json'))).toBe(true);
    const again = await parley('lex', 'build', intents, '--out', dir, '--bot-name', 'Acme');
    expect(again).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^parley: out: .* is not empty/) });
    expect((await parley('lex', 'build', intents, '--out', dir, '--bot-name', 'Acme', '--overwrite')).exitCode).toBe(0);
  });

  it('refuses intent files with lint errors, naming the file and line', async () => {
    const broken = join(scratch, 'broken-intents');
    await mkdir(join(broken, 'en-US'), { recursive: true });
    await writeFile(join(broken, 'en-US', 'a.yaml'), 'intents:\n  - name: Orders\n    utterances: [where is my order]\n    slots: [{name: order, type: Nope}]\n');
    const run = await parley('lex', 'build', broken, '--out', join(scratch, 'never.zip'));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/a\.yaml:4:\d+: slot order has type Nope/);
    expect(existsSync(join(scratch, 'never.zip'))).toBe(false);
  });
});

describe('parley lex import', () => {
  it('imports a Parley-built zip into intent files and lex-bot.json; building them again gives the same bytes', async () => {
    const zip = join(scratch, 'first', 'Acme-LexJson.zip');
    expect((await parley('lex', 'build', intents, '--out', zip, '--bot-name', 'Acme', '--voice', 'Joanna')).exitCode).toBe(0);
    const imported = join(scratch, 'imported-intents');
    const run = await parley('lex', 'import', zip, '--out', imported);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Imported Lex bot Acme into .*imported-intents: \d+ intent files and .*lex-bot\.json$/m);
    expect(JSON.parse(await readFile(join(imported, 'lex-bot.json'), 'utf8'))).toMatchObject({ botName: 'Acme', locales: { 'en-US': { voiceId: 'Joanna' } } });
    const rebuilt = join(scratch, 'second', 'Acme-LexJson.zip');
    expect((await parley('lex', 'build', imported, '--out', rebuilt)).exitCode).toBe(0);
    expect((await readFile(rebuilt)).equals(await readFile(zip))).toBe(true);
  });

  it.runIf(lexCorpusAvailable)('imports a real export, prints the report by file, and exits 0', async () => {
    const out = join(scratch, 'travel-buddy');
    const run = await parley('lex', 'import', corpusPath('lex-exports/Elandrial_travel-buddy-lex-v2/TravelBuddy-DRAFT-ZDTO0KRNFY-LexJson.zip'), '--out', out);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^ {2}en-US: 7 intents, 15 slots, 4 slot types, \d+ utterances$/m);
    expect(run.stdout).toMatch(/^ {2}TravelBuddy\/BotLocales\/en_US\/Intents\/BookFlight\/ConversationFlow\.json\n {4}the visual conversation flow layout is not imported$/m);
    expect(run.stdout).toMatch(/^ {4}slotTypeName: AMAZON\.City has no Parley equivalent/m);
    expect(existsSync(join(out, 'en-US', 'book-flight.yaml'))).toBe(true);
  });

  it('imports a Connect bot: Lex-only intents kept as they are, built back with the built-ins\' own names', async () => {
    const out = join(scratch, 'connect-bot');
    const run = await parley('lex', 'import', fileURLToPath(new URL('../bot-deploy/lex-v2/fixtures/ConnectBot-LexJson/', import.meta.url)), '--out', out);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Imported Lex bot ConnectBot into .*connect-bot: 5 intent files, 3 Lex-only intents kept as they are \(<locale>\/lex-passthrough\/\) and .*lex-bot\.json$/m);
    expect(existsSync(join(out, 'en-US', 'lex-passthrough', 'AmazonQinConnect', 'Intent.json'))).toBe(true);
    const build = await parley('lex', 'build', out, '--out', join(scratch, 'connect-bot-build'));
    expect(build.exitCode).toBe(0);
    expect(build.stdout).toMatch(/^ {2}en_US: 10 intents \(FallbackIntent and 3 kept as imported included\), 1 slot, 0 slot types, 3 utterances$/m);
    expect(build.stdout).toMatch(/^ {2}5 Lex built-ins without Parley's utterances \(Lex has its own\)$/m);
    expect(existsSync(join(scratch, 'connect-bot-build', 'ConnectBot', 'BotLocales', 'en_US', 'Intents', 'RepeatIntent', 'Intent.json'))).toBe(true);
  });

  it('refuses to write into a folder that is not empty', async () => {
    const zip = join(scratch, 'first', 'Acme-LexJson.zip');
    const out = join(scratch, 'occupied');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'notes.txt'), 'mine\n');
    const run = await parley('lex', 'import', zip, '--out', out);
    expect(run).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/is not empty/) });
  });
});
