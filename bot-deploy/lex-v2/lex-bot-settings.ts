/**
 * `lex-bot.json` beside the intent files: the Lex bot settings intent files have no place for (name,
 * session timeout, confidence threshold, voices). `parley lex import` writes it, `parley lex build`
 * reads it, so an imported bot rebuilds with its own settings.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { ConfigurationError } from '../../src/core/errors.js';
import type { CompileLexBotOptions } from './compile-lex-bot.js';

export const lexBotSettingsFile = 'lex-bot.json';

const engine = z.enum(['standard', 'neural', 'long-form', 'generative']);
const threshold = z.number().min(0).max(1);

const localeSettingsSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  nluConfidenceThreshold: threshold.optional(),
  voiceId: z.string().min(1).optional(),
  voiceEngine: engine.optional(),
});

export const lexBotSettingsSchema = z.strictObject({
  botName: z.string().min(1).optional(),
  description: z.string().optional(),
  idleSessionTTLInSeconds: z.number().int().min(60).max(86400).optional(),
  childDirected: z.boolean().optional(),
  nluConfidenceThreshold: threshold.optional(),
  voiceId: z.string().min(1).optional(),
  voiceEngine: engine.optional(),
  locales: z.record(z.string(), localeSettingsSchema).optional(),
});

export type LexBotSettings = z.output<typeof lexBotSettingsSchema>;

/**
 * The settings in `<dir>/lex-bot.json`, or `{}` when there is none.
 *
 * @example
 * const settings = await readLexBotSettings('intents') // { botName: 'BlogBot', locales: { 'en-US': { voiceId: 'Ivy' } } }
 */
export async function readLexBotSettings(dir: string): Promise<LexBotSettings> {
  const file = join(dir, lexBotSettingsFile);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigurationError(file, `cannot be read: ${error.message}`);
  });
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(file, `is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = lexBotSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigurationError(`${file}: ${issue.path.join('.') || '(top)'}`, issue.message);
  }
  return parsed.data;
}

/**
 * Writes the settings `importLexArchive` returned to `<dir>/lex-bot.json`.
 *
 * @example
 * await writeLexBotSettings('intents', imported.botSettings)
 */
export async function writeLexBotSettings(dir: string, settings: CompileLexBotOptions): Promise<string> {
  const file = join(dir, lexBotSettingsFile);
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
  return file;
}
