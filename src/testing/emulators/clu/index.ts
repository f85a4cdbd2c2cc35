// The Azure CLU runtime emulator, exported from parley/testing.
export { startCluEmulator, type CluEmulator, type CluEmulatorOptions, type CluEmulatorProject, type CluEmulatorCall } from './clu-emulator.js';
export { cluApiVersions } from './clu-request.js';
