/**
 * `parley init <folder>`: a new bot project from `templates/bot/` — package.json, tsconfig, intent
 * files, `bot.ts` with one dialog, a conversation test and a README — ready for `npm install`,
 * `npm test` and `npm start`.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { ConfigurationError } from '../core/errors.js';
import { packageInfo, packageName, packagePath } from '../core/package-info.js';

export interface BotProjectOptions {
  /** The bot's name, as customers read it. Default: the folder's name in words ("my-bot": "My Bot"). */
  botName?: string;
  /** The npm spec the project depends on the SDK by. Default: `^` and this SDK's version. */
  sdk?: string;
}

export interface BotProject {
  directory: string;
  packageName: string;
  botName: string;
  files: string[];
}

/** Files of the template whose text names the bot. */
const filledFiles = ['bot.ts', 'README.md'];
/**
 * npm leaves `.gitignore` out of published packages (it would rename it `.npmignore`), so the
 * template keeps it without the dot.
 */
const dotFiles: Record<string, string> = { gitignore: '.gitignore' };

export async function createBotProject(folder: string, options: BotProjectOptions = {}): Promise<BotProject> {
  const directory = resolve(folder);
  if (existsSync(directory) && (await readdir(directory)).length > 0) {
    throw new ConfigurationError('init', `${folder} already exists and is not empty; choose a new folder name, or empty it first`);
  }
  const name = npmNameOf(basename(directory));
  const botName = options.botName?.trim() || wordsOf(name);
  if (/[{}'\\`\n]/.test(botName)) throw new ConfigurationError('init', `the bot name ${JSON.stringify(botName)} holds a quote, brace, backslash or line break; choose a plain name`);
  const sdk = options.sdk ?? `^${packageInfo().version}`;

  await mkdir(directory, { recursive: true });
  await cp(packagePath('templates', 'bot'), directory, { recursive: true });
  for (const [stored, real] of Object.entries(dotFiles)) await rename(join(directory, stored), join(directory, real));
  for (const file of filledFiles) {
    const path = join(directory, file);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll('{{botName}}', botName));
  }
  await writeFile(join(directory, 'package.json'), `${JSON.stringify(projectManifest(name, botName, sdk), null, 2)}\n`);
  return { directory, packageName: name, botName, files: await listFiles(directory) };
}

/** The new project's package.json: ESM, the SDK as its one dependency, TypeScript to check bot.ts. */
function projectManifest(name: string, botName: string, sdk: string): object {
  const own = sdkManifest();
  return {
    name,
    version: '0.1.0',
    private: true,
    description: `${botName}: a customer-service assistant built with ${packageName}`,
    type: 'module',
    engines: own.engines,
    scripts: {
      start: 'parley serve bot.ts',
      chat: 'parley chat bot.ts',
      test: 'tsc && parley test conversations --bot bot.ts',
      lint: 'parley intents lint intents',
    },
    dependencies: { [packageName]: sdk },
    // npm asks projects to approve the install scripts of their dependencies (and will block the
    // unapproved ones). esbuild's, through the SDK's TypeScript loader, checks its platform binary.
    allowScripts: { esbuild: true },
    // The versions this SDK is built and tested with.
    devDependencies: { '@types/node': own.devDependencies['@types/node'], typescript: own.devDependencies.typescript },
  };
}

interface SdkManifest {
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
}

function sdkManifest(): SdkManifest {
  return packageInfo().manifest as unknown as SdkManifest;
}

/**
 * A valid npm package name from a folder name: lower case, letters, digits, `-`, `.` and `_`, not
 * starting with a dot or an underscore.
 */
export function npmNameOf(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '')
    .slice(0, 214);
  return name || 'my-bot';
}

function wordsOf(name: string): string {
  return name
    .split(/[-._]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

export function initCommand(): Command {
  return new Command('init')
    .description('create a new bot project: intents, a dialog, a conversation test, scripts to test and serve it')
    .argument('<folder>', 'the folder to create (it must not exist, or be empty)')
    .option('-n, --name <name>', 'the bot name customers see (default: from the folder name)')
    .option('--sdk <spec>', `the ${packageName} version or tarball the project depends on (default: this version)`)
    .action(async (folder: string, options: { name?: string; sdk?: string }) => {
      const project = await createBotProject(folder, { botName: options.name, sdk: options.sdk });
      const shown = relative(process.cwd(), project.directory) || '.';
      console.log(`Created ${project.botName} in ${shown}:`);
      for (const file of project.files) console.log(`  ${file}`);
      console.log(`\nNext:\n  cd ${shown}\n  npm install\n  npm test\n  npm start      # then open http://localhost:3978\n`);
    });
}
