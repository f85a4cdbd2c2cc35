/**
 * The routing policy: which recognizers answer a turn, and how. Declarative (YAML or JSON in bot
 * config) or written in code, validated once with zod; rules are tried in order and the first whose
 * conditions all hold decides, else `default`. A rule may split conversations between variants by a
 * sticky percentage (A/B): a conversation stays in its variant for its whole life.
 *
 * @example
 * const policy = parsePolicy({
 *   deadlineMs: 1200,
 *   lastResort: 'local',
 *   rules: [{ when: { locale: 'es-*' }, strategy: 'fallback', providers: ['clu', 'local'] }],
 *   default: { strategy: 'fallback', providers: ['lex', 'clu', 'local'], threshold: 0.7 },
 * });
 */
import * as z from 'zod';
import { describeConfigIssue } from '../../core/config-issues.js';
import { ConfigurationError } from '../../core/errors.js';
import { describeUnknownNames } from '../../core/unknown-names.js';

export const strategies = ['single', 'fallback', 'race', 'shadow'] as const;
export type Strategy = (typeof strategies)[number];

const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const route = {
  /** single: the first provider; fallback: in order until one is sure; race: all at once, first sure answer; shadow: the first answers, the others are asked in the background and compared. */
  strategy: z.enum(strategies),
  providers: z.array(z.string().min(1)).min(1),
  /** A calibrated confidence under this is unsure (default 0.5). */
  threshold: z.number().min(0).max(1).optional(),
  /** A top-two gap under this is unsure too (default 0). */
  margin: z.number().min(0).max(1).optional(),
};

const routeSpec = z.strictObject(route);
const variant = z.strictObject({ variant: z.string().min(1), percent: z.number().gt(0).max(100), ...route });
const split = z
  .array(variant)
  .min(2)
  .refine((variants) => Math.abs(variants.reduce((sum, item) => sum + item.percent, 0) - 100) < 1e-9, 'the percents of a split add up to 100');

const condition = z.strictObject({
  /** BCP 47 tags; `es-*` is every Spanish locale. */
  locale: oneOrMore.optional(),
  channel: oneOrMore.optional(),
  /** The dialog (its intent) the conversation is in. */
  dialog: oneOrMore.optional(),
  /** The slot the dialog is asking for. */
  slot: oneOrMore.optional(),
});

const rule = z.union([
  z.strictObject({ name: z.string().optional(), when: condition, ...route }),
  z.strictObject({ name: z.string().optional(), when: condition, split }),
]);

export const policySchema = z.strictObject({
  rules: z.array(rule).default([]),
  default: z.union([routeSpec, z.strictObject({ split })]),
  /** The whole turn's budget for understanding, retries included (default 1500 ms). */
  deadlineMs: z.number().int().positive().default(1500),
  /** Asked when every chosen provider failed or the deadline passed: normally the local recognizer. */
  lastResort: z.string().min(1).optional(),
  /** Of the deadline, kept for the last resort (default 50 ms): the chosen providers stop this much earlier. */
  reserveMs: z.number().int().min(0).default(50),
}).refine((policy) => policy.reserveMs < policy.deadlineMs, { message: 'reserveMs must be less than deadlineMs', path: ['reserveMs'] });

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type RouteSpec = z.output<typeof routeSpec>;
export type Condition = z.output<typeof condition>;

/** Validates a policy, naming the key and the fix on error; checks every provider name is known. */
export function parsePolicy(input: unknown, providers?: readonly string[]): Policy {
  const result = policySchema.safeParse(input);
  if (!result.success) {
    const { path, message } = describeConfigIssue(deepestIssue(result.error.issues[0]!), policySchema, input);
    throw new ConfigurationError(`nlu.policy.${path.join('.') || '(root)'}`, message);
  }
  const policy = result.data;
  if (providers) {
    for (const { path, name } of providerNames(policy)) {
      if (!providers.includes(name)) throw new ConfigurationError(`nlu.policy.${path}`, describeUnknownNames([name], providers, 'provider'));
    }
  }
  return policy;
}

/** A union's "Invalid input" says nothing: the issue of the alternative that matched furthest does. */
function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const inner = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined);
  const deepest = inner.sort((a, b) => b.path.length - a.path.length)[0];
  if (!deepest) return issue;
  const found = deepestIssue(deepest);
  return { ...found, path: [...issue.path, ...found.path] };
}

function providerNames(policy: Policy): { path: string; name: string }[] {
  const names: { path: string; name: string }[] = [];
  const visit = (path: string, use: { providers?: string[]; split?: { providers: string[] }[] }) => {
    use.providers?.forEach((name, index) => names.push({ path: `${path}.providers.${index}`, name }));
    use.split?.forEach((item, at) => visit(`${path}.split.${at}`, item));
  };
  policy.rules.forEach((item, index) => visit(`rules.${index}`, item as never));
  visit('default', policy.default as never);
  if (policy.lastResort) names.push({ path: 'lastResort', name: policy.lastResort });
  return names;
}

/** What a turn is matched on. */
export interface RouteContext {
  locale: string;
  channel?: string;
  dialog?: string;
  slot?: string;
  conversationId?: string;
}

export interface ChosenRoute extends RouteSpec {
  /** The rule's name, `rules[i]`, or `default`. */
  rule: string;
  variant?: string;
}

/** The first rule whose conditions all hold, else the default; a split picks the conversation's variant. */
export function chooseRoute(policy: Policy, context: RouteContext): ChosenRoute {
  const index = policy.rules.findIndex((candidate) => matches(candidate.when, context));
  const chosen = index >= 0 ? policy.rules[index]! : policy.default;
  const rule = index >= 0 ? (policy.rules[index]!.name ?? `rules[${index}]`) : 'default';
  if ('split' in chosen) {
    const picked = pickVariant(chosen.split, `${rule}\u0000${context.conversationId ?? ''}`);
    const { variant, percent: _percent, ...spec } = picked;
    return { ...spec, rule, variant };
  }
  const { strategy, providers, threshold, margin } = chosen;
  return { strategy, providers, threshold, margin, rule };
}

function matches(when: Condition, context: RouteContext): boolean {
  return (
    fits(when.locale, context.locale, true) &&
    fits(when.channel, context.channel, false) &&
    fits(when.dialog, context.dialog, false) &&
    fits(when.slot, context.slot, false)
  );
}

function fits(wanted: string | string[] | undefined, actual: string | undefined, isLocale: boolean): boolean {
  if (wanted === undefined) return true;
  if (actual === undefined) return false;
  return (Array.isArray(wanted) ? wanted : [wanted]).some((pattern) => (isLocale ? localeFits(pattern, actual) : pattern === actual));
}

function localeFits(pattern: string, locale: string): boolean {
  const [p, l] = [pattern.toLowerCase(), locale.toLowerCase()];
  return p.endsWith('-*') ? l === p.slice(0, -2) || l.startsWith(p.slice(0, -1)) : p === l;
}

/** Sticky: the same conversation always lands in the same variant (FNV-1a over rule and id). */
function pickVariant<T extends { percent: number }>(variants: T[], key: string): T {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193) >>> 0;
  const point = (hash / 0x1_0000_0000) * 100;
  let edge = 0;
  for (const item of variants) {
    edge += item.percent;
    if (point < edge) return item;
  }
  return variants.at(-1)!;
}
