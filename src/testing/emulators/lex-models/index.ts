// The Lex V2 model-building emulator's public surface (exported from parley/testing).
export { startLexModelsEmulator, type LexModelsEmulator, type LexModelsEmulatorOptions, type FailNextOptions } from './lex-models-emulator.js';
export type { LexModelsEmulatorCall, LexModelsOperation } from './handle-models-request.js';
export type { LexModelsSnapshot, LexModelsSnapshotBot, LexModelsSnapshotLocale, LexModelsSnapshotIntent } from './lex-models-snapshot.js';
export type { LexModelsErrorName } from './models-wire.js';
