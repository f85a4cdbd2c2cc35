// npm run bench:coldstart — spawn → first answered turn, in one run, interleaved: bare node answering
// one HTTP request (the baseline), the Lambda bundle (dist/lambda/http, built by `npm run
// build:lambda`) on a memory store and on DynamoDB (dynalite), `parley serve` (to its ready line and to
// its first answered turn over HTTP), and botbuilder + botbuilder-dialogs answering a first turn.
// Every child runs on plain node from compiled JavaScript. BENCH_RUNS: runs of each (default 7).
// PARLEY_BENCH_NODE: the node binary the children run on (default: the one running the bench), to
// measure the Node lines users run (22, 24) from a machine whose own node is another.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../src/nlu/eval/format-table.js';
import { startDynalite } from './http-servers.js';

const repository = fileURLToPath(new URL('../', import.meta.url));
const bundle = join(repository, 'dist', 'lambda', 'http');
const children = join(repository, 'dist', 'bench');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const node = process.env.PARLEY_BENCH_NODE ?? process.execPath;
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const secret = 'bench-coldstart-secret-0123456789abcdef';
/** What a customer's first message says, in every row that understands text. */
const firstMessage = 'I need a repair tomorrow at 3pm';

for (const needed of [join(bundle, 'index.mjs'), join(children, 'coldstart-lambda.js')]) {
  if (!existsSync(needed)) {
    console.error(`bench:coldstart: ${needed} is missing; run it as npm run bench:coldstart, which builds it`);
    process.exit(1);
  }
}

interface Started {
  child: ChildProcess;
  /** Resolves with the first match of `pattern` in what the child prints (stdout, then stderr). */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
}

function start(command: string[], env: Record<string, string | undefined> = {}): Started {
  const child = spawn(node, command, { cwd: repository, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiting: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const wake of waiting.splice(0)) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async printed(pattern) {
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        const more = new Promise<void>((resolve) => waiting.push(resolve));
        if ((await Promise.race([more.then(() => 'more'), exited.then(() => 'exited')])) === 'exited' && !pattern.exec(text)) {
          throw new Error(`${command.join(' ')} exited without printing ${pattern}:\n${text}`);
        }
      }
    },
  };
}

async function stop({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Milliseconds from spawning to each mark the measure returns, in order. */
type Measure = () => Promise<number[]>;

async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, any>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}

const bareNode: Measure = async () => {
  const started = performance.now();
  const server = start([join(children, 'coldstart-bare-http.js')]);
  try {
    const [, port] = await server.printed(/^listening (\d+)$/m);
    await (await fetch(`http://127.0.0.1:${port}/`)).text();
    return [performance.now() - started];
  } finally {
    await stop(server);
  }
};

const lambdaBundle = (store: Record<string, string>): Measure => async () => {
  const started = performance.now();
  const lambda = start([join(children, 'coldstart-lambda.js'), bundle], { PARLEY_WEB_TOKEN_SECRET: secret, LOG_LEVEL: 'warn', ...store });
  try {
    const [, status] = await lambda.printed(/^answered (\d+): /m);
    if (status !== '200') throw new Error(`the bundle answered ${status}`);
    return [performance.now() - started];
  } finally {
    await stop(lambda);
  }
};

const parleyServe = (modelCache: string): Measure => async () => {
  const started = performance.now();
  // tsconfig.bench.json: the bot's `parley-sdk` is the built package, as a user's bot imports it (this
  // repository's tsconfig maps it to the sources, which tsx would compile and load a second time).
  // On Node 22.8 and later the CLI keeps Node's compile cache in the OS temp folder: the first run
  // fills it (if no earlier one did), and the others start as a user's second start does.
  const serve = start([join(repository, 'bin', 'parley.js'), 'serve', 'dialogs/index.ts', '--port', '0', '--store', 'memory'], { PARLEY_MODEL_CACHE: modelCache, LOG_LEVEL: 'warn', TSX_TSCONFIG_PATH: 'tsconfig.bench.json' });
  try {
    const [, url] = await serve.printed(/is ready in [\d.]+ s: open (http:\/\/\S+) /);
    const ready = performance.now() - started;
    const base = url!.replace('localhost', '127.0.0.1');
    const { conversationId, token } = await postJson(`${base}/api/conversations`, {});
    await postJson(`${base}/api/conversations/${conversationId}/messages`, { text: firstMessage }, token);
    return [ready, performance.now() - started];
  } finally {
    await stop(serve);
  }
};

const botbuilder: Measure = async () => {
  const started = performance.now();
  const peer = start([join(children, 'peers', 'botbuilder-first-turn.js')]);
  try {
    await peer.printed(/^answered: /m);
    return [performance.now() - started];
  } finally {
    await stop(peer);
  }
};

const scratch = await mkdtemp(join(tmpdir(), 'parley-bench-coldstart-'));
const dynalite = await startDynalite();
try {
  const store = await dynalite.newTable();
  const dynamodb = { PARLEY_STORE: 'dynamodb', PARLEY_DYNAMODB_TABLE: store.table, PARLEY_DYNAMODB_ENDPOINT: store.endpoint, AWS_REGION: store.region, AWS_ACCESS_KEY_ID: 'AKIDPARLEYBENCH', AWS_SECRET_ACCESS_KEY: 'emulator' };
  // `parley serve` loads the recognizer from its model artefact, as after `parley build`.
  const modelCache = join(scratch, 'model');
  const build = start([join(repository, 'bin', 'parley.js'), 'build', 'dialogs/index.ts', '--out', modelCache]);
  await build.printed(/^wrote /m);
  await stop(build);

  const rows: Array<{ name: string; measure: Measure; marks: string[]; goal?: number }> = [
    { name: 'bare node', measure: bareNode, marks: ['node:http answers one request'] },
    { name: 'Lambda bundle', measure: lambdaBundle({ PARLEY_STORE: 'memory' }), marks: ['first turn, memory store'], goal: 1.5 },
    { name: 'Lambda bundle', measure: lambdaBundle(dynamodb), marks: ['first turn, DynamoDB (dynalite)'], goal: 1.5 },
    { name: 'parley serve', measure: parleyServe(modelCache), marks: ['ready (model artefact)', 'first turn over HTTP'], goal: 3 },
    { name: 'botbuilder + dialogs', measure: botbuilder, marks: ['first turn (TestAdapter, no NLU)'] },
  ];
  const times = rows.map((row) => row.marks.map(() => [] as number[]));
  console.error(`bench:coldstart: ${runs} runs of each, interleaved, on Node ${nodeVersion} and ${cpus().length} CPUs (load ${loadavg()[0]!.toFixed(2)})…`);
  for (let run = 0; run < runs; run++) {
    for (const [index, row] of rows.entries()) {
      const marks = await row.measure();
      marks.forEach((ms, mark) => times[index]![mark]!.push(ms));
    }
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length / 2;
    return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const baseline = median(times[0]![0]!);
  const table = rows.flatMap((row, index) =>
    row.marks.map((mark, markIndex) => {
      const values = times[index]![markIndex]!;
      const ratio = median(values) / baseline;
      // A row's goal is for its first mark: the bundle's first turn, serve's ready line.
      const goal = row.goal !== undefined && markIndex === 0 ? `≤ ${row.goal}× ${ratio <= row.goal ? 'met' : 'missed'}` : '';
      return [row.name, mark, Math.round(median(values)).toString(), `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`, `${ratio.toFixed(2)}×`, goal];
    }),
  );
  console.log(`\nspawn → first answer on Node ${nodeVersion}, ${runs} runs each (load ${loadavg()[0]!.toFixed(2)} at the end)\n`);
  console.log(
    formatTable(
      [{ header: 'what' }, { header: 'measured to' }, { header: 'median ms', align: 'right' }, { header: 'range ms', align: 'right' }, { header: 'vs bare node', align: 'right' }, { header: 'goal' }],
      table,
    ),
  );
} finally {
  await dynalite.stop();
  await rm(scratch, { recursive: true, force: true });
}
