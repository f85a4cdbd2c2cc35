/**
 * An evaluation report as one self-contained HTML page: inline CSS, a few lines of inline script to
 * sort tables, no external resource. Every name and text from the data is escaped.
 */
import { confusionHeatMap } from './confusion-heat-map.js';
import { escapeHtml } from './escape-html.js';
import type { EvaluationReport } from './evaluation-report.js';
import { describeSource, formatDuration, formatPercent, formatScore } from './format-text-report.js';

const style = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.25rem}
.sub,.hint{color:#555}.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .75rem;min-width:8.5rem}.card b{display:block;font-size:1.3rem}
.card span{color:#555;font-size:.85rem}
table.data{border-collapse:collapse}table.data th,table.data td{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:right}
table.data th:first-child,table.data td:first-child,table.data .t{text-align:left}table.data th{cursor:pointer;background:#fafafa;position:sticky;top:0}
.bar{display:inline-block;height:.6rem;background:#4a78c2;vertical-align:middle;margin-left:.4rem}
.heat-wrap{overflow:auto;max-height:85vh;border:1px solid #ddd}
table.heat{border-collapse:collapse;font-size:10px}
table.heat td{width:14px;min-width:14px;height:14px;padding:0;text-align:center;border:1px solid #f2f2f2;color:#fff}
table.heat th.row{position:sticky;left:0;background:#fff;text-align:left;white-space:nowrap;padding-right:.4rem;font-weight:normal;z-index:1}
table.heat th.col{position:sticky;top:0;background:#fff;font-weight:normal;height:2.2rem;vertical-align:bottom}
table.heat th.col span{writing-mode:vertical-rl;transform:rotate(180deg)}
table.heat th.corner{position:sticky;left:0;top:0;background:#fff;z-index:2;font-weight:normal;color:#555;text-align:left}
table.heat tr:hover th.row{background:#fff3c4}
`;

// Click a column heading to sort by it (again to reverse).
const script = `
document.querySelectorAll('table.data').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var up = th.dataset.up !== '1'; th.dataset.up = up ? '1' : '0';
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.v || a.cells[column].textContent, y = b.cells[column].dataset.v || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y), c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
        return up ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
`;

/**
 * The report as a complete HTML document.
 *
 * @example
 * await writeFile('report.html', formatHtmlReport(report))
 */
export function formatHtmlReport(report: EvaluationReport): string {
  const title = `NLU evaluation: ${report.source.kind === 'dataset' ? report.source.name : report.source.folder}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(`${report.provider} recognizer, ${report.locale}, ${report.counts.intents} intents; ${describeSource(report)}`)}</p>
${cards(report)}
${thresholdSection(report)}
<h2>Most confused intents</h2>
${confusedPairs(report)}
<h2>Confusion matrix</h2>
${confusionHeatMap(report.confusion)}
<h2>Intents</h2>
<p class="hint">Sorted by F1, worst first; click a heading to sort by it.</p>
${intentTable(report)}
${slotSection(report)}
${notes(report)}
<script>${script}</script>
</body></html>
`;
}

function cards(report: EvaluationReport): string {
  const card = (value: string, label: string) => `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
  const shown = [
    card(formatPercent(report.accuracy), 'accuracy'),
    card(formatPercent(report.rankedAccuracy), 'ranked first'),
    card(formatScore(report.macroF1), 'macro-F1'),
  ];
  if (report.oosRecall !== null && report.oosPrecision !== null) {
    shown.push(card(formatPercent(report.oosRecall), 'out-of-scope recall'), card(formatPercent(report.oosPrecision), 'out-of-scope precision'));
  }
  if (report.slotF1 !== null && report.slotValueF1 !== null) shown.push(card(formatScore(report.slotF1), 'slot F1 (span)'), card(formatScore(report.slotValueF1), 'slot F1 (value)'));
  shown.push(
    card(formatDuration(report.trainMs), report.source.kind === 'folds' ? 'training per fold' : 'training'),
    card(formatDuration(report.p50Ms), 'p50 per utterance'),
    card(formatDuration(report.p99Ms), 'p99 per utterance'),
    card(`${report.peakRssMb.toFixed(0)} MB`, 'peak memory (RSS)'),
  );
  return `<div class="cards">${shown.join('')}</div>`;
}

function thresholdSection(report: EvaluationReport): string {
  const threshold = report.threshold;
  if (!threshold) return '';
  const { validation, test } = threshold;
  const rows: [string, string, string][] = [
    ['test accuracy', formatPercent(report.accuracy), formatPercent(test.accuracy)],
    ['test macro-F1', formatScore(report.macroF1), formatScore(test.macroF1)],
  ];
  if (report.oosRecall !== null && test.oosRecall !== null) rows.push(['test out-of-scope recall', formatPercent(report.oosRecall), formatPercent(test.oosRecall)]);
  if (report.oosPrecision !== null && test.oosPrecision !== null) rows.push(['test out-of-scope precision', formatPercent(report.oosPrecision), formatPercent(test.oosPrecision)]);
  rows.push(
    ['val accuracy', formatPercent(validation.accuracyWithout), formatPercent(validation.accuracyWith)],
    ['val out-of-scope recall', formatPercent(validation.outOfScopeRecallWithout), formatPercent(validation.outOfScopeRecallWith)],
  );
  const body = rows.map(([label, without, withIt]) => `<tr><td>${escapeHtml(label)}</td><td>${without}</td><td>${withIt}</td></tr>`).join('');
  return `<h2>Out-of-scope threshold</h2>
<p>In scope when confidence ≥ <b>${formatScore(threshold.value)}</b>, chosen on val (${validation.examples}) and oos_val (${validation.outOfScopeExamples}) only: the most out-of-scope recall while val accuracy drops at most ${(threshold.maxAccuracyDrop * 100).toFixed(1)} points.</p>
<table class="data"><thead><tr><th>figure</th><th>recognizer alone</th><th>with threshold</th></tr></thead><tbody>${body}</tbody></table>`;
}

function confusedPairs(report: EvaluationReport): string {
  if (report.confusedPairs.length === 0) return '<p>None.</p>';
  const rows = report.confusedPairs.map((cell) => `<tr><td>${escapeHtml(cell.expected ?? '')}</td><td class="t">${escapeHtml(cell.predicted ?? '')}</td><td>${cell.count}</td></tr>`);
  return `<table class="data"><thead><tr><th>expected</th><th class="t">predicted</th><th>count</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function intentTable(report: EvaluationReport): string {
  const sorted = [...report.perIntent].sort((a, b) => a.f1 - b.f1 || (a.intent < b.intent ? -1 : 1));
  const rows = sorted.map(
    (each) =>
      `<tr><td>${escapeHtml(each.intent)}</td><td>${formatScore(each.precision)}</td><td>${formatScore(each.recall)}</td><td data-v="${each.f1}">${formatScore(each.f1)}<span class="bar" style="width:${(each.f1 * 4).toFixed(2)}rem"></span></td><td>${each.support}</td><td>${each.predicted}</td><td>${each.rejected}</td></tr>`,
  );
  return `<table class="data"><thead><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>predicted</th><th>out of scope</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function slotSection(report: EvaluationReport): string {
  const slots = report.slots;
  if (!slots) return '';
  const rows = [...slots.perSlot]
    .sort((a, b) => a.span.f1 - b.span.f1 || (a.slot < b.slot ? -1 : 1))
    .map(
      (each) =>
        `<tr><td>${escapeHtml(each.slot)}</td><td>${formatScore(each.span.precision)}</td><td>${formatScore(each.span.recall)}</td><td>${formatScore(each.span.f1)}</td><td>${formatScore(each.value.f1)}</td><td>${each.expected}</td><td>${each.predicted}</td></tr>`,
    );
  const none = slots.predicted === 0 ? '<p class="hint">The recognizer tied no value to a slot (entity.slot), so precision and recall are 0.</p>' : '';
  return `<h2>Slots</h2>
<p>${slots.expected} labelled, ${slots.predicted} predicted. Exact span: precision ${formatScore(slots.span.precision)}, recall ${formatScore(slots.span.recall)}, F1 ${formatScore(slots.span.f1)}. Value: F1 ${formatScore(slots.value.f1)}.</p>${none}
<table class="data"><thead><tr><th>slot</th><th>precision</th><th>recall</th><th>F1</th><th>value F1</th><th>labelled</th><th>predicted</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

function notes(report: EvaluationReport): string {
  if (report.notes.length === 0) return '';
  return `<h2>Notes</h2><ul>${report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
}
