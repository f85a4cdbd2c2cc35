// What a new user does, end to end: the SDK packed as npm would publish it, `parley init` in an empty
// folder, then `npm install`, `npm test` and `npm start` in the new project. Installing takes the
// SDK's dependencies from the npm registry (or npm's cache), as a user's install does.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { processTimeoutMs, repositoryRoot, runCommand, stopCommand } from '../support/run-parley.js';

/** npm install fetches a few hundred packages: minutes on a loaded machine with a cold cache. */
const installTimeoutMs = 600_000;

const { engines: sdkEngines } = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
const scratch = await mkdtemp(join(tmpdir(), 'parley-project-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/**
 * The environment of a user's shell: without the variables `npm test` set for this repository
 * (`npm_package_*`, `npm_lifecycle_*`, its config), which would otherwise steer the inner npm.
 */
const userEnvironment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || /^npm_config_(cache|registry|userconfig)$/i.test(name)));

function run(command: string, args: string[], cwd: string, timeout = processTimeoutMs) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...userEnvironment, NO_COLOR: '1' } });
  return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

describe('a new bot project from the packed SDK', () => {
  it('packs, inits, installs, tests and serves', { timeout: installTimeoutMs * 2 }, async () => {
    // The build is current: `npm test` builds before the tests run.
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], repositoryRoot);
    expect(pack.status, pack.output).toBe(0);
    const tarball = (await readdir(scratch)).find((name) => /^parley-sdk-.+\.tgz$/.test(name));
    expect(tarball).toBeDefined();
    expect(pack.stderr).toMatch(/templates\/bot\/bot\.ts/);
    expect(pack.stderr).not.toMatch(/ (src|test)\/\S+\.ts\n/);

    const init = run(process.execPath, [join(repositoryRoot, 'bin/parley.js'), 'init', 'my-bot', '--sdk', `file:${join(scratch, tarball!)}`], scratch);
    expect(init.status, init.output).toBe(0);
    const project = join(scratch, 'my-bot');

    const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project, installTimeoutMs);
    expect(install.status, install.output).toBe(0);
    // On a Node line the SDK supports, npm has nothing to warn about; on another it rightly does.
    if (satisfies(process.version, sdkEngines.node)) expect(install.output).not.toMatch(/EBADENGINE/);
    // No install script left for the user to review (npm 11.16 and later list them).
    expect(install.output).not.toMatch(/install scripts not yet covered/);

    const test = run('npm', ['test'], project, installTimeoutMs);
    expect(test.status, test.output).toBe(0);
    expect(test.stdout).toMatch(/^2 passed, 0 failed$/m);

    const server = runCommand('npm', ['start'], { cwd: project, env: { ...userEnvironment, PORT: '0' }, group: true });
    try {
      const [, seconds, url] = await server.waitFor(/My Bot is ready in (\d+\.\d) s: open (http:\/\/localhost:\d+)/);
      expect(Number(seconds)).toBeGreaterThan(0);
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('My Bot');
      const started = await fetch(`${url}/api/conversations`, { method: 'POST' });
      expect(started.status).toBe(201);
      const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
      const turn = await fetch(`${url}/api/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: 'can someone call me back at 3pm?' }),
      });
      expect(turn.status).toBe(200);
      const { messages } = (await turn.json()) as { messages: { text?: string }[] };
      expect(messages.map((message) => message.text).join(' ')).toContain('What number should we call?');
    } finally {
      await stopCommand(server);
    }
  });
});
