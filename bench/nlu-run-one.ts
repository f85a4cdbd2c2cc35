// One system on one dataset, in a process of its own so that its memory figures are its own.
// Started by bench/nlu.ts: argv = [system, dataset file]; sends the evaluation report back over IPC.
import { keepYoungGenerationSmall } from '../src/core/young-generation.js';
import { readDataset } from '../src/nlu/eval/dataset.js';
import type { EvaluationProvider } from '../src/nlu/eval/providers.js';
import { evaluateDataset } from '../src/nlu/eval/run-evaluation.js';
import { quickSubset } from './nlu-quick-subset.js';

// Each process loads only its own system, as `parley nlu eval` loads only the local recognizer:
// Parley's recognizer with default settings, or NLP.js.
const providers: Record<string, () => Promise<EvaluationProvider>> = {
  parley: async () => {
    const { createLocalRecognizer } = await import('../src/nlu/local/index.js');
    return { name: 'parley', train: async (model) => createLocalRecognizer({ model }) };
  },
  nlpjs: async () => (await import('./nlu-nlpjs-provider.js')).nlpJsProvider,
};

// Both systems run with the young-generation setting `parley nlu eval` uses, so that their memory
// figures compare like for like and Parley's match the command's.
keepYoungGenerationSmall();
const [system = '', file = ''] = process.argv.slice(2);
const load = providers[system];
if (!load) throw new Error(`unknown system ${system}; use ${Object.keys(providers).join(' or ')}`);
const read = await readDataset(file);
const dataset = process.env.BENCH_NLU_QUICK === '1' ? quickSubset(read) : read;
const report = await evaluateDataset(dataset, { file, provider: await load() });
process.send!(report, undefined, {}, () => process.disconnect());
