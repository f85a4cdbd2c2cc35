// NLP.js (node-nlp 4.27) as an evaluation provider: trained from the same intent model as Parley's
// recognizer, on the same utterances, in a shuffled order (fixed seed), as the dataset README's
// NLP.js figures were measured.
import { createRequire } from 'node:module';
import type { IntentModel } from '../src/content/intent-model.js';
import type { Recognizer } from '../src/nlu/recognizer.js';
import type { EvaluationProvider } from '../src/nlu/eval/providers.js';
import { shuffleSeeded } from '../src/nlu/eval/seeded-shuffle.js';

interface NlpJsResult {
  intent: string;
  score: number;
  classifications?: { intent: string; score: number }[];
}

interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpJsResult>;
}

// node-nlp ships no type declarations; its API is small enough to describe here.
const { NlpManager } = createRequire(import.meta.url)('node-nlp') as { NlpManager: new (settings: object) => NlpManager };

const trainingOrderSeed = 42;

export const nlpJsProvider: EvaluationProvider = {
  name: 'nlp.js',
  async train(model: IntentModel): Promise<Recognizer> {
    // NLP.js's own defaults, except what would write files, print logs or compute sentiment (which
    // Parley's recognizer does not do either): its intent threshold stays 0.5.
    const manager = new NlpManager({ languages: ['en'], autoSave: false, autoLoad: false, calculateSentiment: false, nlu: { log: false } });
    const documents = Object.values(model.locales).flatMap((locale) =>
      locale.intents.flatMap((intent) => intent.utterances.map((utterance) => ({ intent: intent.name, text: utterance.parts.map((part) => (part.kind === 'text' ? part.text : (part.example ?? part.slot))).join('') }))),
    );
    for (const { text, intent } of shuffleSeeded(documents, trainingOrderSeed)) manager.addDocument('en', text, intent);
    await manager.train();
    return {
      name: 'nlp.js',
      async recognize(request) {
        const started = performance.now();
        const result = await manager.process('en', request.text);
        // 'None' is NLP.js's out of scope: its own none class, or any answer scored below its threshold.
        const intents = (result.classifications ?? []).filter((each) => each.intent !== 'None').map((each) => ({ name: each.intent, confidence: each.score }));
        return {
          text: request.text,
          locale: request.locale,
          intents,
          topIntent: result.intent === 'None' ? null : result.intent,
          entities: [],
          provider: 'nlp.js',
          latencyMs: performance.now() - started,
          raw: result,
        };
      },
    };
  },
};
