// `parley init` and running a bot that lives outside this repository: the project it makes, and the
// one-sentence explanations of a bot module that cannot load.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { checkModuleFormat } from '../../src/cli/bot-module-errors.js';
import { createBotProject, npmNameOf } from '../../src/cli/init.js';
import { processTestTimeoutMs, processTimeoutMs, repositoryRoot } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-init-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const parley = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [join(repositoryRoot, 'bin/parley.js'), ...args], { cwd, encoding: 'utf8', timeout: processTimeoutMs, env: { ...process.env, NO_COLOR: '1' } });

/** A bot project as `parley init` makes it, with this repository standing in for the installed SDK. */
async function projectWithSdk(name: string, manifest: object = { name, type: 'module', dependencies: { 'parley-sdk': '*' } }): Promise<string> {
  const directory = join(scratch, name);
  await createBotProject(directory);
  await writeFile(join(directory, 'package.json'), JSON.stringify(manifest));
  await mkdir(join(directory, 'node_modules'));
  await symlink(repositoryRoot, join(directory, 'node_modules', 'parley-sdk'), 'dir');
  return directory;
}

/** One line on stderr, naming the fix; no stack trace. */
function expectOneSentence(run: ReturnType<typeof parley>, pattern: RegExp): void {
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('parley init', () => {
  it('makes a project: ESM package with the SDK, scripts, tsconfig, intents, a bot, a conversation test and a README', async () => {
    const project = await createBotProject(join(scratch, 'Pizza Shop'), { sdk: 'file:../parley-sdk.tgz' });
    expect(project.packageName).toBe('pizza-shop');
    expect(project.botName).toBe('Pizza Shop');
    expect(project.files).toEqual([
      '.gitignore',
      'README.md',
      'bot.ts',
      'conversations/request-callback.yaml',
      'intents/en-US/callback.yaml',
      'package.json',
      'tsconfig.json',
    ]);
    const manifest = JSON.parse(await readFile(join(project.directory, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'pizza-shop',
      private: true,
      type: 'module',
      scripts: { start: 'parley serve bot.ts', chat: 'parley chat bot.ts', test: 'tsc && parley test conversations --bot bot.ts' },
      dependencies: { 'parley-sdk': 'file:../parley-sdk.tgz' },
    });
    expect(Object.keys(manifest.devDependencies)).toEqual(['@types/node', 'typescript']);
    const own = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8'));
    expect(manifest.engines).toEqual(own.engines);
    expect(await readFile(join(project.directory, 'bot.ts'), 'utf8')).toContain("name: 'Pizza Shop'");
    expect(await readFile(join(project.directory, '.gitignore'), 'utf8')).toContain('node_modules/');
  });

  it('depends on this version of the SDK by default', async () => {
    const project = await createBotProject(join(scratch, 'default-sdk'));
    const { version } = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8'));
    const manifest = JSON.parse(await readFile(join(project.directory, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ 'parley-sdk': `^${version}` });
  });

  it('refuses a folder that is not empty, and names that would break the bot', async () => {
    const taken = join(scratch, 'taken');
    await mkdir(taken);
    await writeFile(join(taken, 'notes.txt'), 'mine');
    await expect(createBotProject(taken)).rejects.toThrow(/taken already exists and is not empty/);
    await expect(createBotProject(join(scratch, 'quoted'), { botName: "Bob's {bot}" })).rejects.toThrow(ConfigurationError);
    expect(await readFile(join(taken, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('turns any folder name into a valid npm name', () => {
    expect(npmNameOf('My Bot')).toBe('my-bot');
    expect(npmNameOf('.hidden_bot')).toBe('hidden_bot');
    expect(npmNameOf('Café Bot!!')).toBe('caf-bot');
    expect(npmNameOf('---')).toBe('my-bot');
  });

  it('runs from the command line and says what to do next', { timeout: processTestTimeoutMs }, () => {
    const run = parley(['init', 'cli-bot', '--name', 'Front Desk'], scratch);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Created Front Desk in cli-bot');
    expect(run.stdout).toMatch(/cd cli-bot\n\s+npm install\n\s+npm test\n\s+npm start/);
  });
});

describe('a bot outside the repository', { timeout: processTestTimeoutMs }, () => {
  it('is tested, and found as bot.ts when no path is given', async () => {
    const directory = await projectWithSdk('outside');
    const run = parley(['test', 'conversations'], directory);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
    const elsewhere = parley(['test', join(directory, 'conversations'), '--bot', join(directory, 'bot.ts')], scratch);
    expect(elsewhere.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
  });

  it('explains a folder with no bot', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    expectOneSentence(parley(['chat'], empty), /no bot here \(looked for bot\.ts, .*\); .*parley init my-bot/);
  });

  it('explains a package without "type": "module"', async () => {
    const directory = await projectWithSdk('commonjs', { name: 'commonjs', dependencies: { 'parley-sdk': '*' } });
    expectOneSentence(parley(['test', 'conversations'], directory), /bot\.ts would load as CommonJS: package\.json has no "type": "module"; add it \(npm pkg set type=module\)/);
  });

  it('leaves a bot written as CommonJS to load as CommonJS', async () => {
    const directory = join(scratch, 'required');
    await mkdir(directory);
    await writeFile(join(directory, 'package.json'), JSON.stringify({ name: 'required' }));
    await writeFile(join(directory, 'bot.js'), "const { defineBot } = require('parley-sdk');\nmodule.exports = defineBot;\n");
    expect(() => checkModuleFormat(join(directory, 'bot.js'), 'bot.js')).not.toThrow();
    await writeFile(join(directory, 'bot.js'), "import { defineBot } from 'parley-sdk';\nexport default defineBot;\n");
    expect(() => checkModuleFormat(join(directory, 'bot.js'), 'bot.js')).toThrow(/bot\.js would load as CommonJS/);
  });

  it('explains a bot with no package.json at all', async () => {
    const directory = join(scratch, 'loose');
    await mkdir(directory);
    await cp(join(repositoryRoot, 'templates/bot/bot.ts'), join(directory, 'bot.ts'));
    // The scratch folder is inside the system's temporary folder, which has no package.json above it.
    expectOneSentence(parley(['chat', 'bot.ts'], directory), /bot\.ts has no package\.json above it.*"type": "module"/);
  });

  it('explains an SDK that is not installed, with the command that installs it', async () => {
    const listed = join(scratch, 'not-installed');
    await createBotProject(listed);
    expectOneSentence(parley(['test', 'conversations'], listed), /bot\.ts imports parley-sdk, which is not installed; run `npm install` here/);
    await writeFile(join(listed, 'package.json'), JSON.stringify({ name: 'not-listed', type: 'module' }));
    expectOneSentence(parley(['test', 'conversations'], listed), /run `npm install parley-sdk` here/);
    expectOneSentence(parley(['test', join(listed, 'conversations'), '--bot', join(listed, 'bot.ts')], scratch), /run `npm install parley-sdk` in not-installed$/m);
  });

  it('explains a syntax error with its line and column', async () => {
    const directory = await projectWithSdk('syntax');
    const bot = join(directory, 'bot.ts');
    await writeFile(bot, (await readFile(bot, 'utf8')).replace('const openingHour = 9;', 'const openingHour = 9 +;'));
    expectOneSentence(parley(['serve', 'bot.ts', '--port', '0'], directory), /bot\.ts:\d+:\d+: Unexpected ";"; fix the syntax and run again/);
  });

  it('explains a bot that throws while loading, with where', async () => {
    const directory = await projectWithSdk('throws');
    const bot = join(directory, 'bot.ts');
    await writeFile(bot, (await readFile(bot, 'utf8')).replace('export default', 'const hours = (undefined as unknown as { open: number }).open;\nvoid hours;\nexport default'));
    expectOneSentence(parley(['test', 'conversations'], directory), /bot\.ts failed while loading \(at bot\.ts:\d+:\d+\): TypeError: Cannot read properties of undefined \(reading 'open'\)/);
  });

  it('explains an import of a file that does not exist', async () => {
    const directory = await projectWithSdk('missing-file');
    const bot = join(directory, 'bot.ts');
    await writeFile(bot, `import './dialogs/order.js';\n${await readFile(bot, 'utf8')}`);
    expectOneSentence(parley(['test', 'conversations'], directory), /bot\.ts imports dialogs\/order\.js, which does not exist/);
  });
});
