import { describe, expect, it } from 'vitest';
import { utteranceText } from '../../../src/content/intent-model.js';
import { recognize } from './recognizer-fixture.js';
import { heldOutParaphrases, outOfDomainSentences, telecomIntents } from './telecom-model.js';

describe('local recognizer: classification', () => {
  it('holds out every paraphrase from the training utterances', () => {
    const trained = new Set(telecomIntents.flatMap((intent) => intent.utterances.map((utterance) => utteranceText(utterance).toLowerCase())));
    expect(heldOutParaphrases.length).toBeGreaterThanOrEqual(25);
    expect(heldOutParaphrases.filter(([text]) => trained.has(text.toLowerCase()))).toEqual([]);
  });

  it('understands at least 90% of paraphrases it was not trained on', async () => {
    const failures: string[] = [];
    for (const [text, expected] of heldOutParaphrases) {
      const recognition = await recognize(text);
      if (recognition.topIntent !== expected) {
        const best = recognition.intents[0];
        failures.push(`"${text}": expected ${expected}, got ${recognition.topIntent} (best ${best?.name} ${best?.confidence.toFixed(2)})`);
      }
    }
    const accuracy = 1 - failures.length / heldOutParaphrases.length;
    expect(accuracy, `accuracy ${(accuracy * 100).toFixed(1)}%; failures:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks the right intent first for nearly all of them', async () => {
    const failures: string[] = [];
    for (const [text, expected] of heldOutParaphrases) {
      const best = (await recognize(text)).intents[0]?.name;
      if (best !== expected) failures.push(`"${text}": expected ${expected}, ranked ${best} first`);
    }
    expect(failures.length / heldOutParaphrases.length, failures.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it.each(outOfDomainSentences)('says nothing is understood for "%s", yet still ranks the intents', async (text) => {
    const recognition = await recognize(text);
    expect(recognition.topIntent).toBeNull();
    expect(recognition.intents).toHaveLength(10);
    const confidences = recognition.intents.map((intent) => intent.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    for (const confidence of confidences) expect(confidence).toBeGreaterThanOrEqual(0);
    expect(confidences.reduce((sum, confidence) => sum + confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('treats the repair intents like any other', async () => {
    expect((await recognize('start over')).topIntent).toBe('StartOver');
    expect((await recognize('can you repeat that')).topIntent).toBe('Repeat');
    expect((await recognize('cancel that')).topIntent).toBe('Cancel');
    expect((await recognize('what can you do')).topIntent).toBe('Help');
  });

  it('tolerates typos', async () => {
    expect((await recognize('were is my ordr')).topIntent).toBe('CheckOrderStatus');
    expect((await recognize('i forgot my pasword')).topIntent).toBe('ResetPassword');
    expect((await recognize('tlak to an agnet')).topIntent).toBe('TalkToAgent');
    expect((await recognize('book a repiar for friday')).topIntent).toBe('BookAppointment');
  });

  it('reads different values in the same sentence shape alike', async () => {
    const repair = await recognize('book a repair for friday');
    const install = await recognize('book an install for monday at 10am');
    expect(repair.topIntent).toBe('BookAppointment');
    expect(install.topIntent).toBe('BookAppointment');
  });

  it('names itself and measures its latency', async () => {
    const recognition = await recognize('where is my order');
    expect(recognition.provider).toBe('local');
    expect(recognition.latencyMs).toBeGreaterThanOrEqual(0);
    expect(recognition.text).toBe('where is my order');
    expect(recognition.locale).toBe('en-US');
  });
});
