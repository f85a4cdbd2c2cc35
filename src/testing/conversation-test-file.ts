/** Reads YAML conversation tests (see docs/conversation-tests.md): one test per YAML document. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments, isMap, isSeq, type Node } from 'yaml';
import * as z from 'zod';
import { IntentFileError, type IntentFileProblem } from '../core/errors.js';
import { matcherFromYaml, type ReplyMatcher } from './reply-matcher.js';
import type { StateExpectation } from './state-expectation.js';
import { parseWaitDuration } from './wait-duration.js';

export type ConversationStep =
  | { kind: 'user'; text: string; line: number }
  | { kind: 'dtmf'; digits: string; line: number }
  | { kind: 'event'; name: string; value?: unknown; line: number }
  | { kind: 'bot'; matcher: ReplyMatcher; line: number }
  | { kind: 'expect'; expected: StateExpectation; line: number }
  /** Time passing on the bot's clock before the next turn: `ms` milliseconds, as `text` said it. */
  | { kind: 'wait'; ms: number; text: string; line: number };

export interface ConversationTest {
  name: string;
  file: string;
  line: number;
  locale?: string;
  channel?: string;
  today?: string;
  steps: ConversationStep[];
}

const scalar = z.union([z.string(), z.number()]);
const expectationSchema = z.strictObject({
  intent: z.string().nullable().optional(),
  dialog: z.string().nullable().optional(),
  awaiting: z.string().nullable().optional(),
  slots: z.record(z.string(), z.union([scalar, z.array(scalar)]).nullable()).optional(),
  handoff: z.strictObject({ queue: z.string() }).nullable().optional(),
  ended: z.boolean().optional(),
});
const stepSchema = z.union([
  z.strictObject({ user: scalar.transform(String) }),
  z.strictObject({ dtmf: scalar.transform(String) }),
  z.strictObject({ event: z.strictObject({ name: z.string(), value: z.unknown().optional() }) }),
  z.strictObject({ bot: z.unknown() }),
  z.strictObject({ expect: expectationSchema }),
  z.strictObject({
    wait: z.string().refine((text) => parseWaitDuration(text) !== undefined, 'wait takes a duration such as 90s, 45m, 2h or 1d'),
  }),
]);
const testSchema = z.strictObject({
  name: z.string().min(1),
  locale: z.string().optional(),
  channel: z.string().optional(),
  today: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)).optional(),
  steps: z.array(z.unknown()).min(1),
});

/** Every `*.yaml` / `*.yml` under the given files and folders, sorted. */
export async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  async function walk(path: string): Promise<void> {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new IntentFileError([{ file: path, line: 1, column: 1, message: 'no such file or folder' }], 'conversation tests');
    if (info.isFile()) return void files.push(path);
    for (const entry of (await readdir(path)).sort()) {
      const child = join(path, entry);
      if (entry.startsWith('.')) continue;
      if ((await stat(child)).isDirectory()) await walk(child);
      else if (/\.ya?ml$/i.test(entry)) files.push(child);
    }
  }
  for (const path of paths) await walk(path);
  return files;
}

export async function loadConversationTests(paths: readonly string[]): Promise<ConversationTest[]> {
  const tests: ConversationTest[] = [];
  const problems: IntentFileProblem[] = [];
  for (const path of await findTestFiles(paths)) {
    const file = relative(process.cwd(), path) || path;
    const parsed = parseConversationTests(await readFile(path, 'utf8'), file);
    tests.push(...parsed.tests);
    problems.push(...parsed.problems);
  }
  if (problems.length) throw new IntentFileError(problems, 'conversation tests');
  return tests;
}

/** Parses one file's text; pure, for tools and tests. */
export function parseConversationTests(text: string, file: string): { tests: ConversationTest[]; problems: IntentFileProblem[] } {
  const lines = new LineCounter();
  const tests: ConversationTest[] = [];
  const problems: IntentFileProblem[] = [];
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const problem = (node: Node | null | undefined, message: string, hint?: string) => {
    const position = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    problems.push({ file, line: position.line, column: position.col, message, hint });
  };
  for (const document of parseAllDocuments(text, { lineCounter: lines })) {
    if (document.errors.length) {
      for (const error of document.errors) {
        const position = error.linePos?.[0] ?? { line: 1, col: 1 };
        problems.push({ file, line: position.line, column: position.col, message: `bad YAML: ${error.message.split('\n')[0]}` });
      }
      continue;
    }
    if (document.contents === null) continue;
    const head = testSchema.safeParse(document.toJS());
    if (!head.success) {
      const issue = head.error.issues[0]!;
      problem(document.getIn(issue.path as never[], true) as Node | undefined ?? document.contents, `test ${issue.path.join('.') || 'file'}: ${issue.message}`, 'a test needs `name:` and a list of `steps:` (user, bot, expect, dtmf, event, wait)');
      continue;
    }
    const stepNodes = isMap(document.contents) ? document.contents.get('steps', true) : undefined;
    const steps: ConversationStep[] = [];
    head.data.steps.forEach((raw, index) => {
      const node = isSeq(stepNodes) ? (stepNodes.items[index] as Node) : undefined;
      const line = lineOf(node);
      const parsedStep = stepSchema.safeParse(raw);
      if (!parsedStep.success) {
        const wait = (raw as { wait?: unknown } | null)?.wait;
        if (wait !== undefined && Object.keys(raw as object).length === 1) {
          return problem(node, `step ${index + 1} of "${head.data.name}": wait takes a duration such as 90s, 45m, 2h or 1d, not ${JSON.stringify(wait)}`);
        }
        return problem(node, `step ${index + 1} of "${head.data.name}" is not a step`, 'write one of `user: text`, `bot: matcher`, `expect: {...}`, `dtmf: digits`, `event: {name, value}`, `wait: 45m`');
      }
      const step = parsedStep.data;
      if ('user' in step) steps.push({ kind: 'user', text: step.user, line });
      else if ('dtmf' in step) steps.push({ kind: 'dtmf', digits: step.dtmf, line });
      else if ('event' in step) steps.push({ kind: 'event', name: step.event.name, value: step.event.value, line });
      else if ('expect' in step) steps.push({ kind: 'expect', expected: step.expect as StateExpectation, line });
      else if ('wait' in step) steps.push({ kind: 'wait', ms: parseWaitDuration(step.wait)!, text: step.wait, line });
      else {
        const matcher = matcherFromYaml(step.bot);
        if (!matcher) return problem(node, `step ${index + 1}: bot matcher is neither text, /regex/flags nor {any: [...]}`);
        steps.push({ kind: 'bot', matcher, line });
      }
    });
    const { steps: _raw, ...rest } = head.data;
    tests.push({ ...rest, file, line: lineOf(document.contents), steps });
  }
  return { tests, problems };
}
