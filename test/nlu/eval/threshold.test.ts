import { describe, expect, it } from 'vitest';
import type { IntentModel } from '../../../src/content/intent-model.js';
import { emptyRecognition, type Recognizer } from '../../../src/nlu/recognizer.js';
import { parseDataset } from '../../../src/nlu/eval/dataset.js';
import type { Prediction } from '../../../src/nlu/eval/prediction.js';
import type { EvaluationProvider } from '../../../src/nlu/eval/providers.js';
import { evaluateDataset } from '../../../src/nlu/eval/run-evaluation.js';
import { chooseThreshold } from '../../../src/nlu/eval/threshold.js';

function prediction(expected: string | null, predicted: string | null, confidence: number): Prediction {
  return { text: '', expected, predicted, ranked: predicted, confidence, expectedSlots: [], predictedSlots: [], latencyMs: 0 };
}

describe('choosing the out-of-scope threshold', () => {
  // 8 right answers and 2 wrong ones; validation accuracy 80% before any threshold.
  const inScope = [
    ...[0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2].map((confidence) => prediction('a', 'a', confidence)),
    ...[0.35, 0.25].map((confidence) => prediction('a', 'b', confidence)),
  ];
  const outOfScope = [...[0.1, 0.28, 0.33, 0.45, 0.95].map((confidence) => prediction(null, 'a', confidence)), prediction(null, null, 0.9)];

  it('rejects the most out-of-scope examples while accuracy drops at most the margin, at the lowest such threshold', () => {
    // 10 points allow losing one right answer (the one at 0.2): thresholds up to 0.3 qualify, and
    // those above 0.28 also reject the out-of-scope example at 0.28; the middle of (0.28, 0.3] is taken.
    const choice = chooseThreshold(inScope, outOfScope, 0.1)!;
    expect(choice.value).toBeCloseTo(0.29);
    expect(choice.validation).toEqual({
      examples: 10,
      outOfScopeExamples: 6,
      accuracyWithout: 0.8,
      accuracyWith: 0.7,
      outOfScopeRecallWithout: 1 / 6,
      outOfScopeRecallWith: 3 / 6,
    });
  });

  it('gives up no accuracy with a margin of 0', () => {
    const choice = chooseThreshold(inScope, outOfScope, 0)!;
    // Between 0.1 and 0.2 costs nothing yet and rejects the out-of-scope 0.1.
    expect(choice.value).toBeCloseTo(0.15);
    expect(choice.validation.accuracyWith).toBe(0.8);
    expect(choice.validation.outOfScopeRecallWith).toBeCloseTo(2 / 6);
  });

  it('needs both validation sets', () => {
    expect(chooseThreshold(inScope, [])).toBeUndefined();
    expect(chooseThreshold([], outOfScope)).toBeUndefined();
  });
});

/** A recognizer that answers from a table: text -> [intent, confidence]. */
function tableProvider(table: Record<string, [string, number]>): EvaluationProvider & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: 'table',
    asked,
    async train(_model: IntentModel): Promise<Recognizer> {
      return {
        name: 'table',
        async recognize(request) {
          asked.push(request.text);
          const [intent, confidence] = table[request.text] ?? ['a', 0.5];
          return { ...emptyRecognition(request.text, request.locale, 'table'), intents: [{ name: intent, confidence }], topIntent: intent };
        },
      };
    },
  };
}

describe('the evaluator and the threshold', () => {
  const examples = (prefix: string, intent: string, count: number) => Array.from({ length: count }, (_, index) => ({ text: `${prefix}${index}`, intent }));
  const base = {
    intents: ['a', 'b'],
    train: [{ text: 'train a', intent: 'a' }, { text: 'train b', intent: 'b' }],
    // val: right answers at 0.6–0.9, out of scope at 0.3 and 0.4 -> any threshold in (0.4, 0.6] costs nothing.
    val: examples('v', 'a', 4),
    oos_val: examples('ov', 'oos', 2),
  };
  const table: Record<string, [string, number]> = { v0: ['a', 0.6], v1: ['a', 0.7], v2: ['a', 0.8], v3: ['a', 0.9], ov0: ['a', 0.3], ov1: ['a', 0.4] };

  it('chooses it on val and oos_val only, whatever the test set holds', async () => {
    // Test examples that would favour other thresholds: out of scope at 0.95, in scope at 0.45.
    const testTable: Record<string, [string, number]> = { ...table, t0: ['a', 0.45], t1: ['a', 0.45], ot0: ['a', 0.95] };
    const dataset = parseDataset({ ...base, test: examples('t', 'a', 2), oos_test: examples('ot', 'oos', 1) }, 'table.json');
    const provider = tableProvider(testTable);
    const report = await evaluateDataset(dataset, { file: 'table.json', provider });
    expect(provider.asked.sort()).toEqual(['ot0', 'ov0', 'ov1', 't0', 't1', 'v0', 'v1', 'v2', 'v3']);
    // Anything in (0.4, 0.6] rejects both out-of-scope examples and keeps every answer: 0.5.
    expect(report.threshold?.value).toBeCloseTo(0.5);
    expect(report.threshold?.validation).toMatchObject({ accuracyWithout: 1, accuracyWith: 1, outOfScopeRecallWithout: 0, outOfScopeRecallWith: 1 });
    // Applied to the test set, it costs both in-scope answers and catches nothing.
    expect(report.accuracy).toBe(1);
    expect(report.threshold?.test).toEqual({ accuracy: 0, macroF1: 0, oosPrecision: 0, oosRecall: 0 });

    const otherTest = parseDataset({ ...base, test: examples('t', 'b', 2), oos_test: examples('ot', 'oos', 3) }, 'table.json');
    const again = await evaluateDataset(otherTest, { file: 'table.json', provider: tableProvider(table) });
    expect(again.threshold?.value).toBeCloseTo(0.5);
  });

  it('reports no threshold without validation data', async () => {
    const dataset = parseDataset({ intents: base.intents, train: base.train, test: examples('t', 'a', 2) }, 'table.json');
    const report = await evaluateDataset(dataset, { file: 'table.json', provider: tableProvider(table) });
    expect(report.threshold).toBeNull();
    expect(report.oosRecall).toBeNull();
  });
});
