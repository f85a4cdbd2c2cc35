/** Matchers for bot messages: plain text (contained), a regular expression, or any of several. */
export type ReplyMatcher = string | RegExp | { any: ReplyMatcher[] };

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function matchesReply(matcher: ReplyMatcher, text: string): boolean {
  if (typeof matcher === 'string') return normalise(text).includes(normalise(matcher));
  if (matcher instanceof RegExp) return matcher.test(text);
  return matcher.any.some((inner) => matchesReply(inner, text));
}

export function describeMatcher(matcher: ReplyMatcher): string {
  if (typeof matcher === 'string') return JSON.stringify(matcher);
  if (matcher instanceof RegExp) return String(matcher);
  return `any of [${matcher.any.map(describeMatcher).join(', ')}]`;
}

/** Reads a matcher written in YAML: `/regex/flags` becomes a RegExp, other strings stay text. */
export function matcherFromYaml(value: unknown): ReplyMatcher | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const regex = /^\/(.*)\/([dgimsuyv]*)$/s.exec(value);
    if (!regex) return value;
    try {
      return new RegExp(regex[1]!, regex[2]!.replace('g', ''));
    } catch {
      return undefined;
    }
  }
  if (value && typeof value === 'object' && Array.isArray((value as { any?: unknown }).any)) {
    const inner = (value as { any: unknown[] }).any.map(matcherFromYaml);
    return inner.every((item) => item !== undefined) ? { any: inner as ReplyMatcher[] } : undefined;
  }
  return undefined;
}
