import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/nlu/eval/evaluation-report.js';
import { formatHtmlReport } from '../../../src/nlu/eval/format-html-report.js';
import type { Prediction } from '../../../src/nlu/eval/prediction.js';

const hostile = '<img src=x onerror=alert(1)>';
const quoted = 'say "hi" & \'bye\'';

function prediction(expected: string | null, predicted: string | null): Prediction {
  return { text: 't', expected, predicted, ranked: predicted, confidence: 0.9, expectedSlots: [], predictedSlots: [], latencyMs: 1 };
}

const report = buildReport({
  provider: 'local',
  locale: 'en-US',
  source: { kind: 'dataset', file: 'https://example.com/<data>.json', name: '<b>tiny</b>' },
  counts: { intents: 3, train: 10, test: 6, outOfScopeTest: 2, val: 0, outOfScopeVal: 0 },
  test: [
    prediction(hostile, hostile),
    prediction(hostile, quoted),
    prediction(quoted, quoted),
    prediction('plain', null),
    prediction('plain', 'plain'),
    prediction('plain', hostile),
    prediction(null, null),
    prediction(null, quoted),
  ],
  trainMs: 12,
  peakRssBytes: 100 * 2 ** 20,
  notes: [`note about ${hostile}`],
});
const html = formatHtmlReport(report);

describe('the HTML report', () => {
  it('is one complete page that loads nothing from elsewhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // No src or href attribute (the data's own `src=x` is escaped text: it can never be followed by a quote).
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']/i);
    expect(html).not.toMatch(/=\s*"(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script>']);
  });

  it('escapes every name and text from the data', () => {
    expect(html).not.toContain(hostile);
    expect(html).not.toContain('<b>tiny</b>');
    expect(html).not.toContain(quoted);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('say &quot;hi&quot; &amp; &#39;bye&#39;');
    expect(html).toContain('&lt;b&gt;tiny&lt;/b&gt;');
  });

  it('has the summary, the heat map with hover titles, and the per-intent table', () => {
    expect(html).toContain('<table class="heat">');
    expect(html).toContain(`title="${'&lt;img src=x onerror=alert(1)&gt;'} → say &quot;hi&quot; &amp; &#39;bye&#39;: 1"`);
    expect(html).toContain('title="plain → (out of scope): 1"');
    for (const intent of report.perIntent) expect(html).toContain(`<tr><td>${intent.intent === 'plain' ? 'plain' : intent.intent === quoted ? 'say &quot;hi&quot; &amp; &#39;bye&#39;' : '&lt;img src=x onerror=alert(1)&gt;'}</td>`);
    expect(html).toMatch(/out-of-scope recall/);
  });
});
