import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLockFile } from './file-lock.js';
import { breakLock, holderToken, isGone, keepFresh, readLock } from './lock-holder.js';

/**
 * Runs `task` while holding `<directory>/.opening.lock`, which every file store instance takes while
 * it decides how it may use the directory, so that two instances opening at once decide one after
 * the other. The gate is kept fresh while `task` runs; one left by a holder that is gone is broken.
 */
export async function whileOpening<T>(directory: string, warn: (message: string) => void, task: () => Promise<T>): Promise<T> {
  const path = join(directory, '.opening.lock');
  const token = holderToken();
  let delayMs = 1;
  while (!(await createLockFile(path, token))) {
    const found = await readLock(path);
    if (!found) continue; // released meanwhile
    if (isGone(found)) {
      await breakLock(path, found.text);
      continue;
    }
    await sleep(delayMs + Math.random() * delayMs);
    delayMs = Math.min(delayMs * 2, 50);
  }
  const gate = keepFresh(path, token, {
    onLost: () => warn(`${path} was broken while this process held it (it stalled for over 15 s?): another process may be opening ${directory} at the same time`),
    warn,
  });
  try {
    return await task();
  } finally {
    await gate.release();
  }
}
