// The loader hooks of record-loaded-modules.mjs: one line per module loaded.
import { appendFileSync } from 'node:fs';

let log;

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  appendFileSync(log, `${url}\n`);
  return loaded;
}
