#!/usr/bin/env node
// `npm run build`: builds dist/ only when a source changed since the last build, so `npm start` and
// `npm run chat` on an unchanged tree start at once instead of compiling the whole project (13-80 s).
// Stale when any .ts file the build compiles, a tsconfig or package.json is newer than the stamp
// the last successful build left. The build itself is incremental (tsconfig.build.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.build-stamp');
const sourceFolders = ['src', 'channels', 'bot-deploy'];
const settings = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestChange() {
  let newest = Math.max(...settings.map((file) => statSync(join(root, file)).mtimeMs));
  for (const folder of sourceFolders) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : -Infinity;
const startedAt = Date.now();
if (newestChange() < builtAt && existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) process.exit(0);

console.error('parley-sdk: building dist/ (sources changed since the last build)…');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// Stamped with the time the build started: a file saved while it ran makes the next start build again.
writeFileSync(stamp, '');
utimesSync(stamp, new Date(startedAt), new Date(startedAt));
