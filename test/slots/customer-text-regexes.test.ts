import type { ParsingContext } from 'chrono-node';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { slotValueSearches } from '../../src/nlu/lex-v2/locate-slot-value.js';
import { englishTrigger, plainWeekday } from '../../src/slots/dates-and-times.js';
import { emailPattern } from '../../src/slots/email-addresses.js';
import { spokenTimeParsers } from '../../src/slots/spoken-time-parsers.js';
import { connectQueueReference } from '../../src/runtime/connect-config.js';
import { judgeRegex, regexesIn, sourceFiles, worstCaseWithoutLookarounds } from '../support/regex-audit.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The code that meets customer text at run time: channels, the turn pipeline, recognizers, slot
// finders, the dialogue engine, the reference assistant's dialogs. Left out is what reads developers'
// own files (the CLI, intent files and their lint, the test harness and emulators, evaluation on data
// sets). Slot-type patterns from intent files run on RE2 instead (src/content/slot-pattern.ts):
// linear whatever they say. Libraries' own regexes (chrono-node, libphonenumber-js) are not read.
const runTime = sourceFiles(root, ['src', 'channels', 'dialogs']).filter(
  (file) => !['src/cli/', 'src/content/', 'src/lint/', 'src/testing/', 'src/nlu/eval/'].some((folder) => file.startsWith(folder)),
);

// Regexes built at run time cannot be read from the source: their modules export them, and each file
// says how many places build one, so a new `new RegExp(…)` fails the first test until it is listed.
const noContext = undefined as unknown as ParsingContext;
const constructed: Record<string, { sites: number; regexes: () => RegExp[] }> = {
  'src/slots/dates-and-times.ts': { sites: 2, regexes: () => [englishTrigger, plainWeekday] },
  'src/slots/email-addresses.ts': { sites: 1, regexes: () => [emailPattern] },
  'src/slots/spoken-time-parsers.ts': { sites: 3, regexes: () => spokenTimeParsers.map((parser) => parser.pattern(noContext)) },
  // Built from the words Lex reports, escaped: any words give the same shape.
  'src/nlu/lex-v2/locate-slot-value.ts': { sites: 1, regexes: () => slotValueSearches('two large pizzas') },
  // Connect queue references, as a flow Lambda's queue chooser answers them.
  'src/runtime/connect-config.ts': { sites: 1, regexes: () => [connectQueueReference] },
};

async function unsafe(regexes: { where: string; source: string; flags: string }[]): Promise<string[]> {
  const found: string[] = [];
  for (const { where, source, flags } of regexes) {
    const verdict = await judgeRegex(source, flags);
    if (!verdict.safe) found.push(`${where} /${source}/${flags}: ${verdict.why}`);
  }
  return found;
}

describe('regexes run on customer text', () => {
  it('are all found: every place that builds one at run time is listed', () => {
    expect(runTime.length).toBeGreaterThan(100);
    const sites = Object.fromEntries(runTime.map((file) => [file, regexesIn(root, file).constructed.length]).filter(([, count]) => count !== 0));
    expect(sites).toEqual(Object.fromEntries(Object.entries(constructed).map(([file, { sites: count }]) => [file, count])));
  });

  it('are free of super-linear backtracking, as written in the source', { timeout: 300_000 }, async () => {
    const literals = runTime.flatMap((file) => regexesIn(root, file).literals);
    expect(literals.length).toBeGreaterThan(50);
    expect(await unsafe(literals.map((regex) => ({ where: `${regex.file}:${regex.line}`, ...regex })))).toEqual([]);
  });

  it('are free of super-linear backtracking, as built at run time', { timeout: 600_000 }, async () => {
    const built = Object.entries(constructed).flatMap(([file, { regexes }]) => regexes().map((regex) => ({ where: file, source: regex.source, flags: regex.flags })));
    expect(built).toHaveLength(9);
    expect(await unsafe(built)).toEqual([]);
  });
});

describe('the backtracking check', () => {
  it('finds exponential and polynomial regexes, the ones fixed here among them', { timeout: 300_000 }, async () => {
    for (const [source, flags] of [
      ['^(a+)+$', ''],
      ['(x+x+)+y', ''],
      ['\\s*o\'?clock$', 'i'],
      ['^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$', 'gu'],
      ['(?<![a-z])(a|aa)*(?![a-z])', 'u'],
    ] as const) {
      expect(await judgeRegex(source, flags), `/${source}/${flags}`).toMatchObject({ safe: false, why: expect.stringMatching(/exponential|polynomial/) });
    }
    expect(await judgeRegex("o'?clock$", 'i')).toEqual({ safe: true });
    // The lookbehind is what keeps this linear: without it, a search from every digit of a run is quadratic.
    expect(await judgeRegex('(?<![\\p{L}\\p{N}])[0-9]+(?:\\.[0-9]+)?(?![\\p{L}\\p{N}])', 'gu')).toEqual({ safe: true });
    expect(await judgeRegex('[0-9]+(?:\\.[0-9]+)?(?![\\p{L}\\p{N}])', 'gu')).toMatchObject({ safe: false, why: expect.stringMatching(/^polynomial/) });
  });

  it('reads a lookbehind of one character as that character, a trailing lookahead as its worst case, and no others', () => {
    expect(worstCaseWithoutLookarounds('(?<![a-z])a+(?:b|c)(?![a-z]|\\.[0-9])')).toEqual({ source: '(?:^|[^a-z])a+(?:b|c)\\uFFFF' });
    expect(worstCaseWithoutLookarounds('(?<![^\\p{L}])a')).toEqual({ source: '(?:^|[\\p{L}])a' });
    expect(worstCaseWithoutLookarounds('(?<!\\d)a')).toEqual({ source: '(?:^|[^\\d])a' });
    expect(worstCaseWithoutLookarounds('^(?<=x)a$')).toEqual({ source: '^xa$' });
    expect(worstCaseWithoutLookarounds('(?<=ab)c')).toHaveProperty('why');
    expect(worstCaseWithoutLookarounds('a(?=b)c')).toHaveProperty('why');
    expect(worstCaseWithoutLookarounds('a(?![a-z]+)')).toHaveProperty('why');
    expect(worstCaseWithoutLookarounds('[(?=]a\\(?!')).toEqual({ source: '[(?=]a\\(?!' });
  });
});
