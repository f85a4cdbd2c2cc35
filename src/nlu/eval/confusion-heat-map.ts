/**
 * The confusion matrix as a compact HTML heat map. Only labels involved in a mistake get a row and a
 * column, so 150 intents with a few dozen troubled ones stay readable; every cell has a hover title.
 */
import { escapeHtml } from './escape-html.js';
import type { ConfusionCell } from './metrics.js';

const outOfScopeLabel = '(out of scope)';

/**
 * A `<table>` heat map of the mistakes, with each involved label's correct answers on the diagonal.
 *
 * @example
 * confusionHeatMap(report.confusion) // '<table class="heat">…</table>'
 */
export function confusionHeatMap(cells: readonly ConfusionCell[]): string {
  const mistakes = cells.filter((cell) => cell.expected !== cell.predicted);
  if (mistakes.length === 0) return '<p>No mistakes: nothing to map.</p>';
  const name = (label: string | null) => label ?? outOfScopeLabel;
  const involved = new Set(mistakes.flatMap((cell) => [name(cell.expected), name(cell.predicted)]));
  // Out of scope first, where it is seen without scrolling: it is often the largest row and column.
  const labels = [...(involved.has(outOfScopeLabel) ? [outOfScopeLabel] : []), ...[...involved].filter((label) => label !== outOfScopeLabel).sort()];
  const counts = new Map(cells.map((cell) => [`${name(cell.expected)}\u0000${name(cell.predicted)}`, cell.count]));
  const worst = Math.max(...mistakes.map((cell) => cell.count));
  const mostCorrect = Math.max(1, ...cells.filter((cell) => cell.expected === cell.predicted).map((cell) => cell.count));

  const header = labels.map((label, index) => `<th class="col" title="${escapeHtml(label)}"><span>${index + 1}</span></th>`).join('');
  const rows = labels.map((expected, rowIndex) => {
    const row = labels.map((predicted) => {
      const count = counts.get(`${expected}\u0000${predicted}`) ?? 0;
      if (count === 0) return '<td></td>';
      const diagonal = expected === predicted;
      const shade = diagonal ? `rgba(46,125,50,${(0.12 + 0.4 * (count / mostCorrect)).toFixed(2)})` : `rgba(198,40,40,${(0.2 + 0.8 * (count / worst)).toFixed(2)})`;
      const title = diagonal ? `${expected}: ${count} right` : `${expected} → ${predicted}: ${count}`;
      return `<td class="${diagonal ? 'hit' : 'miss'}" style="background:${shade}" title="${escapeHtml(title)}">${diagonal ? '' : count}</td>`;
    });
    return `<tr><th class="row" title="${escapeHtml(expected)}">${rowIndex + 1}. ${escapeHtml(expected)}</th>${row.join('')}</tr>`;
  });
  return [
    `<p class="hint">Rows: expected; columns: predicted (numbered as the rows). ${labels.length} labels with at least one mistake; red cells count mistakes, green the right answers. Hover a cell for its names.</p>`,
    '<div class="heat-wrap"><table class="heat">',
    `<thead><tr><th class="corner">expected ↓ predicted →</th>${header}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}
