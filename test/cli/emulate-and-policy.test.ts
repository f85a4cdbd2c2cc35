// `parley emulate` and `parley chat --policy`, as processes (the CLI built to dist/ by `npm test`),
// called through the real AWS and Azure SDK clients.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { AzureKeyCredential, ConversationAnalysisClient } from '@azure/ai-language-conversations';
import { afterAll, describe, expect, it } from 'vitest';
import { runParley as parley, processTestTimeoutMs } from '../support/run-parley.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-emulate-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const fakeAws = { AWS_ACCESS_KEY_ID: 'AKIDPARLEYTEST', AWS_SECRET_ACCESS_KEY: 'emulator', AZURE_LANGUAGE_KEY: 'emulator' };

describe('parley emulate', { timeout: processTestTimeoutMs }, () => {
  it('serves Lex to the AWS SDK until SIGTERM, then exits 0', async () => {
    const lex = parley(['emulate', 'lex', 'intents', '--port', '0', '--latency', '5']);
    const [, endpoint] = await lex.waitFor(/^Amazon Lex V2 runtime emulator: (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(lex.output().stdout).toContain(`      endpoint: ${endpoint}\n`);
    expect(lex.output().stdout).toContain('export AWS_ACCESS_KEY_ID=');
    const client = new LexRuntimeV2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: fakeAws.AWS_ACCESS_KEY_ID, secretAccessKey: 'emulator' }, maxAttempts: 1 });
    try {
      const answer = await client.send(new RecognizeTextCommand({ botId: 'PARLEYBOT1', botAliasId: 'TSTALIASID', localeId: 'en_US', sessionId: 'emulate-1', text: 'where is my order AB123456' }));
      expect(answer.interpretations?.[0]?.intent?.name).toBe('CheckOrderStatus');
    } finally {
      client.destroy();
    }
    lex.child.kill('SIGTERM');
    expect(await lex.exited).toBe(0);
    expect(lex.output().stdout).toMatch(/SIGTERM: emulator stopped\n$/);
  });

  it('serves CLU to the Azure SDK, and stops cleanly', async () => {
    const clu = parley(['emulate', 'clu', 'intents', '--port', '0', '--project', 'Acme']);
    const [, endpoint] = await clu.waitFor(/^Azure CLU emulator: (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(clu.output().stdout).toMatch(/projectName: Acme\n\s+deploymentName: production\n\s+apiKeyEnv: AZURE_LANGUAGE_KEY/);
    const client = new ConversationAnalysisClient(endpoint!, new AzureKeyCredential('emulator'), { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } });
    const result = (await client.analyzeConversation({
      kind: 'Conversation',
      analysisInput: { conversationItem: { id: '1', participantId: 'customer', text: 'I want to talk to a person' } },
      parameters: { projectName: 'Acme', deploymentName: 'production' },
    })) as { result: { prediction: { topIntent: string } } };
    expect(result.result.prediction.topIntent).toBe('TalkToAgent');
    clu.child.kill('SIGTERM');
    expect(await clu.exited).toBe(0);
  });

  it('names the option that is wrong', async () => {
    const run = parley(['emulate', 'lex', 'intents', '--error-rate', '2']);
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toBe('parley: --error-rate: must be a share of calls from 0 to 1, not "2"\n');
  });
});

describe('parley chat --policy', { timeout: processTestTimeoutMs }, () => {
  it('understands through the router over the Lex emulator, and --debug shows the route', async () => {
    const lex = parley(['emulate', 'lex', 'intents', '--port', '0']);
    const [, endpoint] = await lex.waitFor(/^Amazon Lex V2 runtime emulator: (http:\S+)$/m);
    const policy = join(scratch, 'policy.yaml');
    await writeFile(
      policy,
      [
        'providers:',
        `  lex: { kind: lex-v2, botId: PARLEYBOT1, botAliasId: TSTALIASID, localeId: en_US, region: us-east-1, endpoint: "${endpoint}" }`,
        '  local: { kind: local }',
        'settings:',
        '  lex: { timeoutMs: 5000 }',
        'policy:',
        '  default: { strategy: fallback, providers: [lex, local], threshold: 0.5 }',
        '  deadlineMs: 8000',
        '  lastResort: local',
      ].join('\n'),
    );
    const chat = parley(['chat', '--policy', policy, '--debug', '--store', join(scratch, 'store')], fakeAws);
    chat.child.stdin.end('where is order AB123456?\n');
    expect(await chat.exited).toBe(0);
    const { stdout, stderr } = chat.output();
    // (The AWS SDK may warn about the Node version on stderr; a failed turn would say "failed" there.)
    expect(stderr).not.toMatch(/failed/);
    expect(stdout).toContain(`understanding through router as ${policy} says`);
    expect(stdout).toMatch(/understood: CheckOrderStatus .* by lex-v2/);
    expect(stdout).toMatch(/routed: +fallback by default, threshold 0\.50: lex confident \(CheckOrderStatus 1\.00\)/);
    lex.child.kill('SIGTERM');
    expect(await lex.exited).toBe(0);
  });

  it('stops on a bad policy file, naming the key', async () => {
    const policy = join(scratch, 'bad.yaml');
    await writeFile(policy, 'providers:\n  lex: { kind: lex-v2, botId: X, botAliasId: TSTALIASID }\n');
    const chat = parley(['chat', '--policy', policy]);
    chat.child.stdin.end();
    expect(await chat.exited).toBe(1);
    expect(chat.output().stderr).toMatch(/^parley: nlu\.providers\.lex\.region: is required: give the AWS region of the bot, like us-east-1 \(in .*bad\.yaml\)\n$/);
  });
});
