import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { processTestTimeoutMs, processTimeoutMs } from '../support/process-timeouts.js';

// The real command, built to dist/ by `npm test` (and by `npm install`).
const root = fileURLToPath(new URL('../../', import.meta.url));
const parley = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, 'bin/parley.js'), ...args], { cwd: root, input, encoding: 'utf8', timeout: processTimeoutMs, env: { ...process.env, NO_COLOR: '1' } });

const scratch = await mkdtemp(join(tmpdir(), 'parley-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('parley test', { timeout: processTestTimeoutMs }, () => {
  it('passes the reference assistant tests and ends with the totals line', () => {
    const run = parley(['test', 'test/conversations/greeting-and-goodbye.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('exits 1 and shows the failing step', async () => {
    const file = join(scratch, 'failing.yaml');
    await writeFile(file, 'name: expects the wrong thing\ntoday: 2030-03-04\nsteps:\n  - user: where is order AB123456\n  - bot: delivered\n');
    const run = parley(['test', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✗ expects the wrong thing');
    expect(run.stdout).toContain('expected bot: "delivered"');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('reports a broken test file with its line, without a stack trace', async () => {
    const file = join(scratch, 'broken.yaml');
    await writeFile(file, 'name: broken\nsteps:\n  - usr: hi\n');
    const run = parley(['test', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:3:5: step 1 of "broken" is not a step/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('parley chat', { timeout: processTestTimeoutMs }, () => {
  it('talks to the reference assistant over a pipe, with --debug', () => {
    const run = parley(['chat', '--debug', '--store', join(scratch, 'store')], 'where is order AB123456?\nI need a repair tomorrow at 3pm\nyes\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/bot › .*shipped/);
    expect(run.stdout).toMatch(/understood: CheckOrderStatus/);
    expect(run.stdout).toMatch(/bot › .*booked/i);
    expect(run.stdout).toMatch(/state: +dialog=BookAppointment awaiting=confirmation/);
  });

  it('explains a missing bot module', () => {
    const run = parley(['chat', 'no/such/bot.ts']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no bot module at no\/such\/bot\.ts/);
  });
});

describe('parley intents lint', { timeout: processTestTimeoutMs }, () => {
  it('lints the reference assistant: warnings only, so exit code 0, and JSON for tools', () => {
    const run = parley(['intents', 'lint', 'intents', '--no-measure', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ errors: 0 });
  });

  it('exits 1 on errors and names the file and line', async () => {
    const dir = join(scratch, 'broken-intents', 'en-US');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a.yaml'), 'intents:\n  - name: Orders\n    utterances: [where is my order]\n    slots: [{name: order, type: Nope}]\n');
    const run = parley(['intents', 'lint', join(scratch, 'broken-intents')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/a\.yaml:4:\d+: error: slot order has type Nope/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^1 error, \d+ warnings?$/);
  });

  it('refuses an unknown target with a clear message', () => {
    const run = parley(['intents', 'lint', 'intents', '--target', 'dialogflow']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('unknown target dialogflow');
  });
});
