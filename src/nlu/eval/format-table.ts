/** Plain-text tables that line up in a terminal. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/**
 * Lays rows out in columns two spaces apart, each as wide as its widest cell, under a header rule.
 *
 * @example
 * formatTable([{ header: 'intent' }, { header: 'F1', align: 'right' }], [['balance', '0.91']])
 * // 'intent     F1\n-------  ----\nbalance  0.91'
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((column, index) => Math.max(width(column.header), ...rows.map((row) => width(row[index] ?? ''))));
  const line = (cells: readonly string[]) =>
    indent +
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const padding = ' '.repeat(widths[index]! - width(cell));
        return column.align === 'right' ? padding + cell : index === columns.length - 1 ? cell : cell + padding;
      })
      .join('  ');
  return [line(columns.map((column) => column.header)), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)].join('\n');
}

/** Characters as a terminal shows them (code points, not UTF-16 units). */
function width(text: string): number {
  return [...text].length;
}
