// The Azure CLU emulator (runtime and authoring API), exported from parley/testing.
export { startCluEmulator, type CluEmulator, type CluEmulatorOptions, type CluEmulatorProject, type CluEmulatorCall } from './clu-emulator.js';
export { cluApiVersions } from './clu-request.js';
export type { JobKind as CluJobKind } from './clu-jobs.js';
