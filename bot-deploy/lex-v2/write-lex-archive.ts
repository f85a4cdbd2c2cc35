/** A Lex archive -> files: a `.zip` the Lex console imports, or a folder of the same files. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigurationError } from '../../src/core/errors.js';
import { zipFiles } from '../zip-files.js';
import { compareText } from '../../src/content/locate.js';
import { botLocalePath, botPath, intentPath, manifestPath, slotPath, slotTypePath } from './lex-archive-paths.js';
import type { LexArchive } from './lex-archive-types.js';
import type { ReadLexArchive } from './lex-archive-schemas.js';

/**
 * Every file of the archive as JSON text (4-space indent), by path inside the archive, sorted.
 *
 * @example
 * [...lexArchiveFiles(archive).keys()] // ['AcmeTelecom/Bot.json', 'AcmeTelecom/BotLocales/en_US/BotLocale.json', …, 'Manifest.json']
 */
export function lexArchiveFiles(archive: LexArchive | ReadLexArchive): Map<string, string> {
  const bot = archive.bot.name;
  const files: [string, unknown][] = [[manifestPath, archive.manifest], [botPath(bot), archive.bot]];
  for (const locale of archive.locales) {
    files.push([botLocalePath(bot, locale.localeId), locale.botLocale]);
    const passthrough = 'passthroughIntents' in locale ? (locale.passthroughIntents ?? []) : [];
    for (const { intent, slots } of [...locale.intents, ...passthrough]) {
      const name = String(intent.name);
      files.push([intentPath(bot, locale.localeId, name), intent]);
      for (const slot of slots) files.push([slotPath(bot, locale.localeId, name, String(slot.name)), slot]);
    }
    for (const slotType of locale.slotTypes) files.push([slotTypePath(bot, locale.localeId, slotType.name), slotType]);
  }
  files.sort(([a], [b]) => compareText(a, b));
  return new Map(files.map(([path, content]) => [path, JSON.stringify(content, null, 4)]));
}

/**
 * The archive as `.zip` bytes: entries sorted, fixed times, so the same archive gives the same bytes.
 *
 * @example
 * await writeFile('AcmeTelecom-LexJson.zip', zipLexArchive(archive))
 */
export function zipLexArchive(archive: LexArchive | ReadLexArchive): Uint8Array {
  const encoder = new TextEncoder();
  return zipFiles(new Map([...lexArchiveFiles(archive)].map(([path, text]) => [path, encoder.encode(text)])));
}

export interface WriteLexArchiveOptions {
  /** Replace the archive's files in a folder that already holds some (default false). */
  overwrite?: boolean;
}

/**
 * Writes the archive to `target`: a `.zip` file (replaced if it exists), or else a folder holding
 * `Manifest.json` and `<BotName>/…`. A folder that is not empty is refused unless `overwrite`; then
 * only `Manifest.json` and the bot's folder are replaced.
 *
 * @example
 * await writeLexArchive(compileLexBot(model, { botName: 'AcmeTelecom' }), 'dist/lex/AcmeTelecom-LexJson.zip')
 */
export async function writeLexArchive(archive: LexArchive | ReadLexArchive, target: string, options: WriteLexArchiveOptions = {}): Promise<{ files: string[] }> {
  if (/\.zip$/i.test(target)) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, zipLexArchive(archive));
    return { files: [target] };
  }
  const existing = await readdir(target).catch(() => [] as string[]);
  if (existing.length > 0) {
    if (!options.overwrite) throw new ConfigurationError('out', `${target} is not empty; choose an empty folder, a .zip file, or overwrite`);
    await rm(join(target, manifestPath), { force: true });
    await rm(join(target, archive.bot.name), { recursive: true, force: true });
  }
  const written: string[] = [];
  for (const [path, text] of lexArchiveFiles(archive)) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    written.push(file);
  }
  return { files: written };
}
