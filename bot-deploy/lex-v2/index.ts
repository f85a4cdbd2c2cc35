// Amazon Lex V2 bot exports: compile intent files to one, import one to intent files.

// Commonly used
export { compileLexBot, lexCompileLosses, type CompileLexBotOptions, type LexLocaleSettings } from './compile-lex-bot.js';
export { importLexArchive, type ImportLexResult } from './import-lex-bot.js';
export { readLexArchive } from './read-lex-archive.js';
export { writeLexArchive, type WriteLexArchiveOptions } from './write-lex-archive.js';
export type { LexArchive, LossItem } from './lex-archive-types.js';

// For tools (deployers, tests that compare archives)
export { compileWithLosses } from './compile-lex-bot.js';
export { readLexBotSettings, writeLexBotSettings, lexBotSettingsFile, type LexBotSettings } from './lex-bot-settings.js';
export { lexArchiveFiles, zipLexArchive } from './write-lex-archive.js';
export { parseLexArchiveFiles, unzipLexArchive } from './read-lex-archive.js';
export { compareLexArchives, unaccountedDifferences, type LexDifference } from './compare-lex-archives.js';
export { lexIdentifier, lexLocaleId, lexLocaleName, parleyLocale } from './lex-names.js';
export { toLexPattern } from './lex-regex.js';
export {
  lexBotLocaleSchema,
  lexBotSchema,
  lexIntentSchema,
  lexSlotSchema,
  lexSlotTypeSchema,
  type ReadLexArchive,
} from './lex-archive-schemas.js';
export type {
  LexBot,
  LexBotLocale,
  LexIntent,
  LexIntentFiles,
  LexLocaleFiles,
  LexManifest,
  LexMessage,
  LexMessageGroup,
  LexPromptSpecification,
  LexSlot,
  LexSlotType,
  LexVoiceEngine,
} from './lex-archive-types.js';
