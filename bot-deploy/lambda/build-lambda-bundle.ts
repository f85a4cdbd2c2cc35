/**
 * `parley lambda build`: a bot and a handler (HTTP, the Lex V2 code hook or the Amazon Connect flow
 * function) bundled for AWS Lambda (Node 22) as an ES module,
 * `index.mjs`, with the code it imports only when needed in `chunks/`; minified and tree-shaken, the
 * AWS SDK included (the Lambda runtime's own version is not ours to choose); the files the handler
 * reads beside it, and a `.zip` ready for upload. The bundle runs with no node_modules.
 */
import { copyFile, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { findPublicDirectory } from '../../channels/web/static-assets.js';
import type { IntentModel } from '../../src/content/intent-model.js';
import { intentFilePaths, intentsFolderPath } from '../../src/content/read-intents.js';
import { compareText } from '../../src/content/locate.js';
import { ConfigurationError, ParleyError } from '../../src/core/errors.js';
import { packageInfo } from '../../src/core/package-info.js';
import { loadBotModule } from '../../src/cli/load-bot-module.js';
import { loadOrTrainModel } from '../../src/runtime/model-cache.js';
import { lambdaHandlers, type LambdaHandlerKind } from '../../src/runtime/lambda/lambda-handler-kinds.js';
import { bundleVariantsPlugin, entryName, entryPlugin } from './bundle-plugins.js';
import { bundleFiles, lambdaEntry } from './lambda-entry.js';
import { zipFiles } from '../zip-files.js';

export interface LambdaBundleOptions {
  /** The handler the bundle exports (default `http`): see `lambdaHandlers`. */
  handler?: LambdaHandlerKind;
  /** The bot module: its default export (or export `bot`) is defineBot({...}). */
  botModule: string;
  /** The folder to write; a previous bundle there is replaced, any other folder with files refused. */
  outDirectory: string;
}

export interface WrittenFile {
  path: string;
  bytes: number;
}

export interface LambdaBundle {
  /** The folder written. */
  directory: string;
  /** Every file of the folder, the bundle (`index.mjs`) first. */
  files: WrittenFile[];
  /** The folder as a zip, beside it (`<out>.zip`): the function's code. */
  zip: WrittenFile;
}

/** The bundle's entry module, which Lambda's handler setting names: `index.handler`. */
const bundleName = 'index.mjs';

/**
 * @example
 * const { files, zip } = await buildLambdaBundle({ botModule: 'bot.ts', outDirectory: 'dist/lambda/http' });
 */
export async function buildLambdaBundle(options: LambdaBundleOptions): Promise<LambdaBundle> {
  const out = resolve(options.outDirectory);
  await clearOutDirectory(out);
  const botModule = resolve(options.botModule);
  const definition = await loadBotModule(botModule);
  const loaded = (await import(pathToFileURL(botModule).href)) as Record<string, unknown>;
  const handler = options.handler ?? 'http';
  const optionsExport = lambdaHandlers[handler].optionsExport;
  const intentFiles = !(typeof definition.intents === 'object' && 'locales' in definition.intents);
  const intents = intentFiles ? await copyIntentFiles(definition.intents as string | URL, join(out, bundleFiles.intents)) : (definition.intents as IntentModel);
  await writeModelArtefact(intents, join(out, bundleFiles.model));
  await build({
    entryPoints: [entryName],
    plugins: [entryPlugin(lambdaEntry({ handler, botModule, defaultExport: loaded.default !== undefined, intentFiles, optionsExport: optionsExport !== undefined && loaded[optionsExport] !== undefined }), dirname(botModule)), bundleVariantsPlugin()],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // ES module builds first (the AWS SDK's dist-es): they tree-shake, and an import() of them keeps
    // its named exports.
    mainFields: ['module', 'main'],
    minify: true,
    // Code loaded with import() goes in chunks of its own, loaded when first used: botbuilder on the
    // first Bot Framework activity, the DynamoDB client on the first read, other vendors' never when
    // not configured. The entry itself is about a quarter of the whole.
    splitting: true,
    outdir: out,
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // CommonJS dependencies (pino, botbuilder, chrono's languages) `require` Node's modules: an ES
    // module has no `require` of its own, so the bundle makes one.
    banner: { js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const { name, version } = packageInfo();
  await writeFile(join(out, bundleFiles.packageJson), `${JSON.stringify({ name, version, private: true, type: 'module', description: `${definition.name} for AWS Lambda (${handler} handler), bundled by parley lambda build` }, null, 2)}\n`);
  if (handler === 'http') await cp(findPublicDirectory(), join(out, bundleFiles.publicDirectory), { recursive: true });
  const files = await listFiles(out);
  const zipPath = `${out}.zip`;
  const contents = await Promise.all(files.map(async (file) => [relative(out, file.path).split(sep).join('/'), await readFile(file.path)] as const));
  await writeFile(zipPath, zipFiles(new Map(contents)));
  return { directory: out, files, zip: { path: zipPath, bytes: (await stat(zipPath)).size } };
}

/** The intent files `loadIntents` reads, at the same paths under `target`; the copied folder's URL. */
async function copyIntentFiles(intents: string | URL, target: string): Promise<URL> {
  const root = intentsFolderPath(intents);
  for (const file of await intentFilePaths(root)) {
    const copy = join(target, relative(root, file));
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(file, copy);
  }
  return pathToFileURL(`${target}${sep}`);
}

/** Trains the recognizer and writes its artefact where the handler's model cache finds it, keyed by the bundle's copy of the intents. */
async function writeModelArtefact(intents: URL | IntentModel, directory: string): Promise<void> {
  const warnings: string[] = [];
  let written = false;
  await loadOrTrainModel(intents, {
    directory,
    report: (event) => {
      if (event.kind === 'warning') warnings.push(event.message);
      if (event.kind === 'trained' && event.file) written = true;
    },
  });
  if (!written) throw new ParleyError('model-artefact', `the model artefact could not be written in ${directory}: ${warnings.join('; ') || 'no reason given'}`);
}

/** Empties the folder a previous build wrote; refuses one that holds something else. */
async function clearOutDirectory(out: string): Promise<void> {
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException): string[] => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0 && !entries.includes(bundleName)) {
    throw new ConfigurationError('--out', `${out} holds files that are not a Lambda bundle; give an empty or new folder`);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
}

async function listFiles(directory: string): Promise<WrittenFile[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const paths = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const entry = join(directory, bundleName);
  paths.sort((a, b) => Number(b === entry) - Number(a === entry) || compareText(a, b));
  return Promise.all(paths.map(async (path) => ({ path, bytes: (await stat(path)).size })));
}
