// `parley lambda build` and what it builds: the bundle, unzipped into a folder of its own far from
// any node_modules, run in a process as the Lambda runtime runs it, and invoked with function URL,
// HTTP API and REST API events against dynalite; and one bundle of each other handler kind (the Lex
// code hook, the Connect flow function), of a small bot, invoked with their platforms' events.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbTable } from '../../src/state/index.js';
import { dynaliteCredentials, dynaliteRegion, startDynalite, type DynaliteServer } from '../support/dynalite.js';
import { functionUrlEvent, httpApiEvent, restApiEvent } from '../support/lambda-events.js';
import { startLambdaProcess, type LambdaProcess } from '../support/lambda-process.js';
import { processTestTimeoutMs, runParley } from '../support/run-parley.js';
import { messageActivity } from '../support/bot-framework-activity.js';
import { connectEvent } from '../channels/connect/connect-events.js';
import { lexEvent } from '../channels/connect/lex-events.js';

const scratch = await mkdtemp(join(tmpdir(), 'parley-lambda-'));
const secret = 'lambda-test-secret-0123456789abcdef';
const table = 'parley-lambda-test';
let built: { stdout: string; code: number | null };
/** The zip's files, written out as Lambda unpacks them. */
let bundle: string;
let entries: string[];

/**
 * Runs `parley lambda build <args> --out <scratch>/<name>` and unzips the zip into a folder of its
 * own, as Lambda unpacks it: the folder, the zip's entries and what the command printed.
 */
async function buildBundle(name: string, args: string[]): Promise<{ directory: string; entries: string[]; code: number | null; stdout: string }> {
  const build = runParley(['lambda', 'build', ...args, '--out', join(scratch, name)]);
  const code = await build.exited;
  if (code !== 0) throw new Error(`parley lambda build failed:\n${build.output().stdout}\n${build.output().stderr}`);
  const directory = join(scratch, `${name}-function`);
  const files = unzipSync(await readFile(join(scratch, `${name}.zip`)));
  for (const [file, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(directory, file)), { recursive: true });
    await writeFile(join(directory, file), bytes);
  }
  return { directory, entries: Object.keys(files).sort(), code, stdout: build.output().stdout };
}

beforeAll(async () => {
  const http = await buildBundle('http', ['dialogs/index.ts']);
  built = { code: http.code, stdout: http.stdout };
  bundle = http.directory;
  entries = http.entries;
}, processTestTimeoutMs);
afterAll(() => rm(scratch, { recursive: true, force: true }));

const json = (body: unknown) => JSON.stringify(body);
const bodyOf = (result: { body: string }) => JSON.parse(result.body) as Record<string, any>;

describe('parley lambda build', () => {
  it('prints what it wrote with the sizes, and the zip to upload', () => {
    expect(built.stdout).toMatch(/http\/index\.mjs\s+\d[\d.]* (kB|MB)\n/);
    expect(built.stdout).toMatch(/http\/chunks\/\s+\d[\d.]* (kB|MB)\s+\d+ files, loaded when first used\n/);
    expect(built.stdout).toMatch(/http\/model\/\s+\d[\d.]* kB\s+1 file\n/);
    expect(built.stdout).toMatch(/http\.zip\s+\d[\d.]* (kB|MB)\s+\(upload this: handler index\.handler, runtime nodejs22\.x\)/);
  });

  it('refuses to write into a folder that holds something else than a bundle', async () => {
    const taken = join(scratch, 'taken');
    await mkdir(taken);
    await writeFile(join(taken, 'notes.txt'), 'mine');
    const build = runParley(['lambda', 'build', 'dialogs/index.ts', '--out', taken]);
    expect(await build.exited).toBe(1);
    expect(build.output().stderr).toMatch(/^parley: --out: .*taken holds files that are not a Lambda bundle; give an empty or new folder$/m);
    expect(await readFile(join(taken, 'notes.txt'), 'utf8')).toBe('mine');
  }, processTestTimeoutMs);

  it('zips the bundle, its chunks, the intent files, the trained model and the chat page', async () => {
    expect(entries).toEqual(expect.arrayContaining(['index.mjs', 'package.json', 'intents/en-US/orders.yaml', 'public/index.html', 'public/chat.js', 'public/chat.css']));
    expect(entries.filter((name) => /^model\/model-[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
    expect(entries.filter((name) => name.startsWith('chunks/')).length).toBeGreaterThan(0);
    expect(entries.every((name) => !name.includes('node_modules'))).toBe(true);
    expect(JSON.parse(await readFile(join(bundle, 'package.json'), 'utf8'))).toMatchObject({ name: 'parley-sdk', type: 'module' });
  });

  it('leaves out of what a cold start compiles the HTTP server (node:http2) and zod\'s messages in other languages', async () => {
    const started = await startFiles(bundle);
    expect(started.map((file) => relative(bundle, file))).toContain('index.mjs');
    const code = (await Promise.all(started.map((file) => readFile(file, 'utf8')))).join('\n');
    expect(code).toMatch(/Invalid input/); // zod's English messages are there
    expect(code).not.toMatch(/from\s*["']node:http2["']/);
    expect(code).not.toMatch(/zu haben/); // zod's German ones are not: `import * as z from 'zod'` lets the bundler drop its locales
  });
});

/** The bundle's entry and the chunks it imports statically: the code a cold start compiles before it runs. */
async function startFiles(directory: string): Promise<string[]> {
  const files = new Set<string>();
  const pending = [join(directory, 'index.mjs')];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const code = await readFile(file, 'utf8');
    for (const [, path] of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^"'();]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) pending.push(join(dirname(file), path!));
  }
  return [...files];
}

describe('the bundle on DynamoDB, with no node_modules', { timeout: processTestTimeoutMs }, () => {
  let dynamo: DynaliteServer;
  let lambda: LambdaProcess;
  beforeAll(async () => {
    dynamo = await startDynalite();
    await createDynamoDbTable({ table, client: dynamo.client });
    lambda = startLambdaProcess(bundle, {
      PARLEY_STORE: 'dynamodb',
      PARLEY_DYNAMODB_TABLE: table,
      PARLEY_DYNAMODB_ENDPOINT: dynamo.endpoint,
      PARLEY_WEB_TOKEN_SECRET: secret,
      AWS_REGION: dynaliteRegion,
      AWS_ACCESS_KEY_ID: dynaliteCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: dynaliteCredentials.secretAccessKey,
    }, scratch);
    await lambda.ready;
  }, processTestTimeoutMs);
  afterAll(async () => {
    await lambda?.stop();
    await dynamo?.close();
  });

  /** A web conversation started with a function URL event: its id and token. */
  async function startConversation(): Promise<{ conversationId: string; authorization: string }> {
    const started = await lambda.invoke(functionUrlEvent({ method: 'POST', path: '/api/conversations', body: '{}' }));
    expect(started.statusCode).toBe(201);
    const { conversationId, token } = bodyOf(started);
    return { conversationId, authorization: `Bearer ${token}` };
  }

  it('answers GET /readyz, and serves the chat page from the files beside the bundle', async () => {
    const ready = await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/readyz' }));
    expect(ready).toMatchObject({ statusCode: 200, isBase64Encoded: false });
    expect(bodyOf(ready)).toEqual({ status: 'ready', bot: 'Acme Telecom', locales: ['en-US'] });
    const page = await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/', headers: { 'accept-language': 'en-US' } }));
    expect(page).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'content-type': 'text/html; charset=UTF-8' } });
    expect(page.body).toMatch(/<title>[^<]*Acme Telecom/);
    const script = await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/assets/chat.js' }));
    expect(script).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
  });

  it('books a repair over function URL, HTTP API and REST API events alike, the conversation kept in DynamoDB', async () => {
    const { conversationId, authorization } = await startConversation();
    const path = `/api/conversations/${conversationId}/messages`;
    // A date to read: chrono's English parser, loaded from the bundle on first use.
    const asked = await lambda.invoke(httpApiEvent({ method: 'POST', path, headers: { authorization }, body: json({ text: 'I need a repair tomorrow at 3pm' }) }));
    expect(asked.statusCode).toBe(200);
    expect(bodyOf(asked).messages[0].text).toMatch(/visit for repair on .* at 3:00 PM.*book it\?/);
    const booked = await lambda.invoke(restApiEvent({ method: 'POST', path, headers: { Authorization: authorization }, body: json({ text: 'yes' }), base64: true }));
    expect(booked.statusCode).toBe(200);
    expect(bodyOf(booked).messages[0].text).toMatch(/booked/i);
    const transcript = await lambda.invoke(functionUrlEvent({ method: 'GET', path: `${path}?after=0`, headers: { authorization } }));
    expect(bodyOf(transcript).messages.map((entry: { from: string }) => entry.from)).toEqual(['customer', 'bot', 'customer', 'bot']);
    const item = await dynamo.client.send(new GetItemCommand({ TableName: table, Key: { conversationId: { S: conversationId } }, ConsistentRead: true }));
    expect(item.Item?.conversationId?.S).toBe(conversationId);
  });

  it('ends an event stream once it has sent what is stored: the page reconnects for more', async () => {
    const { conversationId, authorization } = await startConversation();
    await lambda.invoke(functionUrlEvent({ method: 'POST', path: `/api/conversations/${conversationId}/messages`, headers: { authorization }, body: json({ text: 'hi' }) }));
    const token = authorization.slice('Bearer '.length);
    const stream = await lambda.invoke(functionUrlEvent({ method: 'GET', path: `/api/conversations/${conversationId}/events?after=0&token=${token}` }));
    expect(stream.statusCode).toBe(200);
    expect(stream).toMatchObject({ isBase64Encoded: false, headers: { 'content-type': 'text/event-stream' } });
    expect(stream.headers).not.toHaveProperty('transfer-encoding');
    expect(stream.body.match(/^event: message$/gm)).toHaveLength(2);
  });

  it('answers a Bot Framework activity, botbuilder loaded from its chunk', async () => {
    const activity = messageActivity('hi', { conversation: { id: 'lambda-1' }, deliveryMode: 'expectReplies' });
    const answered = await lambda.invoke(functionUrlEvent({ method: 'POST', path: '/api/messages', body: json(activity) }));
    expect(answered.statusCode).toBe(200);
    expect(bodyOf(answered).activities[0]).toMatchObject({ type: 'message', text: expect.stringMatching(/Acme Telecom/) });
  });

  it('answers what it cannot read with a 400 that says why, and goes on serving', async () => {
    for (const event of [{}, { Records: [{ eventSource: 'aws:s3' }] }, 'hello', { version: '2.0', rawPath: '/readyz' }]) {
      const refused = await lambda.invoke(event);
      expect(refused.statusCode).toBe(400);
      expect(bodyOf(refused).error).toMatchObject({ code: 'not-an-http-event', message: expect.stringMatching(/API Gateway .* function URL/) });
    }
    const { conversationId, authorization } = await startConversation();
    const path = `/api/conversations/${conversationId}/messages`;
    const garbled = await lambda.invoke(functionUrlEvent({ method: 'POST', path, headers: { authorization }, body: '{"text": "hi"' }));
    expect(garbled.statusCode).toBe(400);
    expect(bodyOf(garbled).error.code).toBe('invalid-json');
    const notBase64 = await lambda.invoke({ ...functionUrlEvent({ method: 'POST', path, headers: { authorization }, body: json({ text: 'hi' }) }), isBase64Encoded: true, body: '{not base64}' });
    expect(notBase64.statusCode).toBe(400);
    expect(bodyOf(notBase64).error.code).toBe('invalid-body');
    expect((await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/readyz' }))).statusCode).toBe(200);
  });

  it('logs JSON lines to standard output, without what customers said', () => {
    const lines = lambda.output().stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['serving on AWS Lambda', 'turn', 'event refused']));
    // The cold start loaded the trained recognizer from the bundle: it trained nothing.
    expect(lines.map((line) => line.msg)).toContain('recognizer loaded from its model artefact');
    expect(lines.map((line) => line.msg).filter((msg) => /trained/.test(msg))).toEqual([]);
    expect(lambda.output().stdout).not.toMatch(/repair tomorrow/);
  });
});

describe('settings that cannot work on Lambda', { timeout: processTestTimeoutMs }, () => {
  it('without a store setting (so the file store), the init fails saying what to set', async () => {
    const lambda = startLambdaProcess(bundle, { PARLEY_WEB_TOKEN_SECRET: secret }, scratch);
    await expect(lambda.ready).rejects.toThrow(/store\.kind: a file store cannot serve on AWS Lambda.*Set PARLEY_STORE=dynamodb and PARLEY_DYNAMODB_TABLE/);
    expect(await lambda.exited).not.toBe(0);
  });

  it('without a web token secret, the init fails saying what to set', async () => {
    const lambda = startLambdaProcess(bundle, { PARLEY_STORE: 'memory' }, scratch);
    await expect(lambda.ready).rejects.toThrow(/webChat\.tokenSecret: is required on AWS Lambda: every instance must sign web chat tokens with the same key\. Set PARLEY_WEB_TOKEN_SECRET/);
  });

  it('with a memory store chosen (a demo), it serves', async () => {
    const lambda = startLambdaProcess(bundle, { PARLEY_STORE: 'memory', PARLEY_WEB_TOKEN_SECRET: secret, LOG_LEVEL: 'warn' }, scratch);
    try {
      await lambda.ready;
      expect((await lambda.invoke(functionUrlEvent({ method: 'GET', path: '/readyz' }))).statusCode).toBe(200);
    } finally {
      await lambda.stop();
    }
  });
});

describe('the Lex code hook and Connect flow bundles (--handler), with no web token secret', { timeout: processTestTimeoutMs }, () => {
  // One small bot, one bundle per kind; its `connectFlow` export is the flow function's options.
  const flowBot = 'test/cli/fixtures/flow-bot.ts';
  let codeHook: { directory: string; entries: string[] };
  let flow: { directory: string; entries: string[] };
  const started: LambdaProcess[] = [];
  beforeAll(async () => {
    [codeHook, flow] = await Promise.all([buildBundle('lex-code-hook', [flowBot, '--handler', 'lex-code-hook']), buildBundle('connect-flow', [flowBot, '--handler', 'connect-flow'])]);
  }, processTestTimeoutMs);
  afterAll(async () => {
    for (const lambda of started) await lambda.stop();
  });
  const start = async (directory: string) => {
    const lambda = startLambdaProcess(directory, { PARLEY_STORE: 'memory', LOG_LEVEL: 'warn' }, scratch);
    started.push(lambda);
    await lambda.ready;
    return lambda;
  };

  it('ships the bot, its model and no chat page', () => {
    for (const { entries: files } of [codeHook, flow]) {
      expect(files).toEqual(expect.arrayContaining(['index.mjs', 'package.json']));
      expect(files.filter((name) => /^model\/model-[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
      expect(files.filter((name) => name.startsWith('public/'))).toEqual([]);
    }
  });

  it('the code hook bundle answers Lex V2 events, a conversation kept between them', async () => {
    const lambda = await start(codeHook.directory);
    const first = await lambda.invoke<Record<string, any>>(lexEvent({ sessionId: 'bundle-1', text: 'I want a pizza', intent: 'OrderPizza' }));
    expect(first.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'size' }, intent: { name: 'OrderPizza' }, sessionAttributes: { parley_conversation_id: 'lex:bundle-1' } });
    const second = await lambda.invoke<Record<string, any>>(lexEvent({ sessionId: 'bundle-1', text: 'large', intent: 'OrderPizza', slots: { size: { said: 'large', value: 'large' } } }));
    expect(second.sessionState).toMatchObject({ dialogAction: { type: 'ElicitSlot', slotToElicit: 'date' } });
  });

  it('the flow bundle answers Connect flow events with the bot module\'s lookupCustomer and chooseQueue', async () => {
    const lambda = await start(flow.directory);
    expect(await lambda.invoke(connectEvent({ phoneNumber: '+15555550100', parameters: { action: 'lookup' } }))).toEqual({ parley_found: 'true', name: 'Ana Díaz', tier: 'gold', orders: '3' });
    expect(await lambda.invoke(connectEvent({ parameters: { action: 'queue' }, attributes: { tier: 'gold' } }))).toEqual({ parley_found: 'false', parley_queue: 'Billing' });
    expect(await lambda.invoke(connectEvent())).toEqual({ parley_found: 'false' });
  });
});
