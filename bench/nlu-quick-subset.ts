// BENCH_NLU_QUICK=1: a small, fixed slice of a dataset, for a smoke run in seconds rather than minutes.
import type { Dataset, DatasetExample } from '../src/nlu/eval/dataset.js';

const intentsKept = 10;
const perIntent = { train: 20, test: 10, val: 10 };
const outOfScopeKept = 30;

export function quickSubset(dataset: Dataset): Dataset {
  const intents = dataset.intents.slice(0, intentsKept);
  const keep = (examples: readonly DatasetExample[], most: number) => intents.flatMap((intent) => examples.filter((each) => each.intent === intent).slice(0, most));
  return {
    ...dataset,
    intents,
    train: keep(dataset.train, perIntent.train),
    test: keep(dataset.test, perIntent.test),
    val: keep(dataset.val, perIntent.val),
    outOfScopeTrain: [],
    outOfScopeVal: dataset.outOfScopeVal.slice(0, outOfScopeKept),
    outOfScopeTest: dataset.outOfScopeTest.slice(0, outOfScopeKept),
  };
}
