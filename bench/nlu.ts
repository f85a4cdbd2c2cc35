// npm run bench:nlu — Parley's local recognizer against NLP.js (node-nlp) on CLINC150 and SNIPS, in
// one run: accuracy, macro-F1, out-of-scope recall, training time, per-utterance latency, peak memory.
// Each system runs each dataset in a child process of its own, so memory figures never mix.
// PARLEY_DATASETS: the folder of the dataset files (default ../shared/datasets); BENCH_NLU_QUICK=1: a
// small slice of each, for a smoke run.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvaluationReport } from '../src/nlu/eval/evaluation-report.js';
import { formatTable } from '../src/nlu/eval/format-table.js';

const nlpJsVersion = (createRequire(import.meta.url)('node-nlp/package.json') as { version: string }).version;
const folder = resolve(process.env.PARLEY_DATASETS ?? fileURLToPath(new URL('../../shared/datasets/', import.meta.url)));
const datasets = ['clinc150.json', 'snips2017.json'];
const systems = [
  { id: 'parley', label: 'Parley local' },
  { id: 'nlpjs', label: `NLP.js ${nlpJsVersion}` },
];
const quick = process.env.BENCH_NLU_QUICK === '1';

const missing = datasets.filter((file) => !existsSync(join(folder, file)));
if (missing.length > 0) {
  console.log(`bench:nlu: ${missing.join(' and ')} not found in ${folder}; set PARLEY_DATASETS to the folder that holds them. Nothing to measure.`);
  process.exit(0);
}

function runChild(system: string, file: string): Promise<EvaluationReport> {
  return new Promise((resolveReport, reject) => {
    // stdout is dropped: NLP.js prints as it trains. Errors still reach stderr.
    // Compiled to dist/bench/ by `npm run bench:nlu` and run on plain node, as `parley nlu eval` is:
    // under a TypeScript loader each process would be some 70 MB larger.
    const child = fork(new URL('../dist/bench/nlu-run-one.js', import.meta.url), [system, file], {
      // Not this process's flags: they load tsx.
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let report: EvaluationReport | undefined;
    child.once('message', (message) => (report = message as EvaluationReport));
    child.once('error', reject);
    child.once('exit', (code) => (report ? resolveReport(report) : reject(new Error(`${system} on ${file} exited with code ${code} and no report`))));
  });
}

const rows: string[][] = [];
const percent = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${(share * 100).toFixed(1)}%`);
for (const file of datasets) {
  for (const system of systems) {
    console.error(`${system.label} on ${file}${quick ? ' (quick)' : ''}…`);
    const report = await runChild(system.id, join(folder, file));
    rows.push([
      report.source.kind === 'dataset' ? report.source.name : file,
      system.label,
      percent(report.accuracy),
      percent(report.rankedAccuracy),
      report.macroF1.toFixed(3),
      percent(report.oosRecall),
      report.threshold ? `${percent(report.threshold.test.accuracy)} / ${percent(report.threshold.test.oosRecall)} @${report.threshold.value === 0 ? 'none' : report.threshold.value.toFixed(2)}` : '–',
      report.slotF1 === null || system.id === 'nlpjs' ? '–' : report.slotF1.toFixed(3),
      (report.trainMs / 1000).toFixed(1),
      report.p50Ms.toFixed(2),
      report.p99Ms.toFixed(2),
      report.peakRssMb.toFixed(0),
    ]);
  }
}

const right = 'right' as const;
console.log(`\nIntent recognition, trained on train and tested on test${quick ? ' (BENCH_NLU_QUICK: 10 intents, 20 training examples each)' : ''}; node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}\n`);
console.log(
  formatTable(
    [
      { header: 'dataset' },
      { header: 'system' },
      { header: 'accuracy', align: right },
      { header: 'ranked 1st', align: right },
      { header: 'macro-F1', align: right },
      { header: 'OOS recall', align: right },
      { header: 'val threshold: acc / OOS', align: right },
      { header: 'slot F1', align: right },
      { header: 'train s', align: right },
      { header: 'p50 ms', align: right },
      { header: 'p99 ms', align: right },
      { header: 'peak RSS MB', align: right },
    ],
    rows,
  ),
);
console.log(
  '\naccuracy: in-scope test answered with the right intent (out of scope counts wrong); ranked 1st: right intent ranked first, trusted or not;' +
    '\nOOS recall: out-of-scope test examples judged out of scope (NLP.js: intent None, i.e. its none class or a score below 0.5);' +
    '\nval threshold: test accuracy and OOS recall with a confidence threshold chosen on val + oos_val (docs/nlu-eval.md);' +
    "\nslot F1: exact spans tied to a slot (– for NLP.js: it is given no entities); peak RSS: each system's own process, start-up and data included.",
);
