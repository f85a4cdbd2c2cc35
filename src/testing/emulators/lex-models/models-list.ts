/**
 * The List operations' common part: one filter (`EQ`, `CO`, `NE`) on a name, a sort, and pages of
 * `maxResults` (default 10, so a client that ignores `nextToken` misses items early) with an opaque token.
 */
import { checkRequest } from './models-validation.js';
import { validationFailed } from './models-wire.js';

export const defaultPageSize = 10;

interface ListShape<Item> {
  /** Filter names the operation takes, each reading the compared text from an item. */
  filters: Record<string, (item: Item) => string | undefined>;
  /** Sort attributes, the first being the default. */
  sorts: Record<string, (item: Item) => string | number>;
  /** Operators allowed (default `EQ` and `CO`). */
  operators?: readonly string[];
}

interface Filter {
  name: string;
  values: string[];
  operator: string;
}

/** Filters, sorts and pages `items` as the request's `filters`, `sortBy`, `maxResults` and `nextToken` ask. */
export function listPage<Item>(items: readonly Item[], body: Record<string, unknown>, shape: ListShape<Item>): { page: Item[]; nextToken?: string } {
  const { maxResults, nextToken, filters, sortBy } = body as { maxResults?: number; nextToken?: string; filters?: Filter[]; sortBy?: { attribute?: string; order?: string } };
  const operators = shape.operators ?? ['CO', 'EQ'];
  checkRequest((check) => {
    check.number('maxResults', maxResults, 1, 1000);
    check.list('filters', filters, 1, 1).forEach((filter, index) => {
      const { name, values, operator } = filter as Partial<Filter>;
      const field = `filters.${index + 1}.member`;
      if (check.required(`${field}.name`, name)) check.oneOf(`${field}.name`, name, Object.keys(shape.filters));
      if (check.required(`${field}.values`, values)) check.list(`${field}.values`, values, 1, 1);
      if (check.required(`${field}.operator`, operator)) check.oneOf(`${field}.operator`, operator, operators);
    });
    if (sortBy !== undefined) {
      if (check.required('sortBy.attribute', sortBy.attribute)) check.oneOf('sortBy.attribute', sortBy.attribute, Object.keys(shape.sorts));
      if (check.required('sortBy.order', sortBy.order)) check.oneOf('sortBy.order', sortBy.order, ['Ascending', 'Descending']);
    }
  });
  let chosen = [...items];
  for (const filter of filters ?? []) {
    const read = shape.filters[filter.name]!;
    const wanted = filter.values[0] ?? '';
    chosen = chosen.filter((item) => matches(read(item) ?? '', wanted, filter.operator));
  }
  const [defaultAttribute] = Object.keys(shape.sorts);
  const key = shape.sorts[sortBy?.attribute ?? defaultAttribute!]!;
  const direction = sortBy?.order === 'Descending' ? -1 : 1;
  chosen.sort((one, other) => direction * compare(key(one), key(other)));
  const start = nextToken === undefined ? 0 : offsetOf(nextToken);
  const end = start + (maxResults ?? defaultPageSize);
  return { page: chosen.slice(start, end), ...(end < chosen.length ? { nextToken: Buffer.from(`offset:${end}`).toString('base64') } : {}) };
}

function matches(text: string, wanted: string, operator: string): boolean {
  if (operator === 'CO') return text.toLowerCase().includes(wanted.toLowerCase());
  return operator === 'NE' ? text !== wanted : text === wanted;
}

function compare(one: string | number, other: string | number): number {
  if (typeof one === 'number' && typeof other === 'number') return one - other;
  return String(one).localeCompare(String(other), 'en');
}

function offsetOf(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw validationFailed('The nextToken is not valid. Use the token returned by the previous call.');
  return Number(match[1]);
}
