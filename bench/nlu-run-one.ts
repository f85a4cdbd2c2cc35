// One system on one dataset, in a process of its own so that its memory figures are its own.
// Started by bench/nlu.ts: argv = [system, dataset file]; sends the evaluation report back over IPC.
import { createLocalRecognizer } from 'parley';
import { readDataset } from '../src/nlu/eval/dataset.js';
import type { EvaluationProvider } from '../src/nlu/eval/providers.js';
import { evaluateDataset } from '../src/nlu/eval/run-evaluation.js';
import { nlpJsProvider } from './nlu-nlpjs-provider.js';
import { quickSubset } from './nlu-quick-subset.js';

// Parley's recognizer as users get it: the built package, default settings.
const parleyProvider: EvaluationProvider = { name: 'parley', train: async (model) => createLocalRecognizer({ model }) };
const providers: Record<string, EvaluationProvider> = { parley: parleyProvider, nlpjs: nlpJsProvider };

const [system = '', file = ''] = process.argv.slice(2);
const provider = providers[system];
if (!provider) throw new Error(`unknown system ${system}; use ${Object.keys(providers).join(' or ')}`);
const read = await readDataset(file);
const dataset = process.env.BENCH_NLU_QUICK === '1' ? quickSubset(read) : read;
const report = await evaluateDataset(dataset, { file, provider });
process.send!(report, undefined, {}, () => process.disconnect());
