// `parley store create-table` as a process (the CLI built to dist/ by `npm test`), against dynalite,
// and `parley serve` with the DynamoDB store stopping at start on a table that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, dynaliteCredentials, type DynaliteServer } from '../support/dynalite.js';
import { runParley as parley, processTestTimeoutMs } from '../support/run-parley.js';

let dynamo: DynaliteServer;
let env: Record<string, string>;
beforeAll(async () => {
  dynamo = await startDynalite();
  env = { AWS_ACCESS_KEY_ID: dynaliteCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: dynaliteCredentials.secretAccessKey, AWS_SESSION_TOKEN: '', AWS_PROFILE: '' };
});
afterAll(() => dynamo.close());

describe('parley store create-table', { timeout: processTestTimeoutMs }, () => {
  it('creates the table, then finds it ready the second time', async () => {
    const args = ['store', 'create-table', '--table', 'cli-conversations', '--region', 'us-east-1', '--endpoint', dynamo.endpoint];
    const first = parley(args, env);
    expect(await first.exited).toBe(0);
    expect(first.output().stdout).toBe('table cli-conversations created; this endpoint has no TTL (UpdateTimeToLive): expired conversations read as absent but are not deleted\n');
    const second = parley(args, env);
    expect(await second.exited).toBe(0);
    expect(second.output().stdout).toMatch(/^table cli-conversations was there already; /);
  });

  it('asks for the table name', async () => {
    const run = parley(['store', 'create-table'], env);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/required option '--table <name>' not specified/);
  });
});

describe('parley serve with the DynamoDB store', { timeout: processTestTimeoutMs }, () => {
  it('exits 1 at start when the table does not exist, naming the command that creates it', async () => {
    const serve = parley(['serve', '--port', '0'], { ...env, AWS_REGION: 'us-east-1', PARLEY_DYNAMODB_TABLE: 'not-created', PARLEY_DYNAMODB_ENDPOINT: dynamo.endpoint });
    expect(await serve.exited).toBe(1);
    const { stdout, stderr } = serve.output();
    expect(stderr).toMatch(/^parley: store\.table: the DynamoDB table "not-created" does not exist in this account and region; create it with `parley store create-table --table not-created`/m);
    expect(stdout).not.toMatch(/"serving"/);
  });
});
