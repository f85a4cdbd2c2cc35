// node --import ./record-loaded-modules.mjs …: appends the URL of every module the process loads to
// the file named by PARLEY_MODULE_LOG — ES modules as they load (a hook), and at exit the CommonJS
// modules in `require`'s cache (which the hook does not see when CommonJS requires CommonJS).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.PARLEY_MODULE_LOG;
if (!log) throw new Error('record-loaded-modules.mjs: set PARLEY_MODULE_LOG to the file to write');
register(new URL('./record-loaded-modules-hooks.mjs', import.meta.url), { data: { log } });
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(log, Object.keys(cache).map((path) => `${pathToFileURL(path).href}\n`).join('')));
