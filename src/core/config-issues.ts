/**
 * zod issues about config, in words that never hold what was written: no values (they may be
 * secrets), and no unknown keys unless they are near misses of known ones. Values of a schema's own
 * enumerations (`MultiTenant`, `info`) are shown: they come from the schema, not from the file.
 */
import type { z } from 'zod';
import { describeUnknownNames } from './unknown-names.js';
import { valueAt } from './value-at.js';

export interface DescribedIssue {
  /** Where: the keys down to the problem. A record key that is not a valid name is left out. */
  path: PropertyKey[];
  message: string;
}

/**
 * A safe description of one issue. `input` is what was validated: with it, a missing value reads
 * "is required" rather than a type error.
 *
 * @example
 * const result = schema.safeParse(raw);
 * if (!result.success) {
 *   const { path, message } = describeConfigIssue(result.error.issues[0]!, schema, raw);
 *   throw new ConfigurationError(path.join('.') || 'config', message);
 * }
 */
export function describeConfigIssue(issue: z.core.$ZodIssue, schema: z.core.$ZodType, input?: unknown): DescribedIssue {
  const path = issue.path;
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path, message: describeUnknownNames(issue.keys, knownKeysAt(schema, path, input), path.length === 0 ? 'setting' : 'key') };
    case 'invalid_key': {
      // The key is the last step of the path: it is what is wrong, and it is not shown.
      const key = path.at(-1);
      const length = typeof key === 'string' ? key.length : 0;
      const reason = issue.issues[0]?.message;
      return { path: path.slice(0, -1), message: `a name of ${length} characters that is not valid here${reason ? ` (${reason})` : ''}; it is not shown, in case it is a secret` };
    }
    case 'invalid_type':
      if (valueAt(input, path) === undefined) return { path, message: issue.message.startsWith('Invalid input') ? 'is required' : `is required: ${issue.message}` };
      return { path, message: issue.message.replace(/^Invalid input: /, '') };
    case 'invalid_value':
      if (issue.values.length > 1) return { path, message: `must be one of ${issue.values.map(String).join(', ')}` };
      return { path, message: issue.message };
    default:
      // zod's own messages for the other codes say what was expected, never what was given.
      return { path, message: issue.message };
  }
}

/**
 * The keys the schema allows at `path`, in declaration order. For a union, those of every branch,
 * or, when `input` says which branch of a discriminated union it meant (`kind: azure-clu`), that one's.
 *
 * @example
 * knownKeysAt(runtimeConfigSchema, ['botFramework']) // ['appId', 'appPassword', 'tenantId', 'appType', …]
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], input?: unknown): string[] {
  let nodes = [schema];
  for (const step of path) nodes = nodes.flatMap((node) => childrenAt(node, step));
  const value = valueAt(input, path);
  const keys = new Set<string>();
  for (const node of nodes) for (const object of objectsOf(node, value)) for (const key of Object.keys(shapeOf(object))) keys.add(key);
  return [...keys];
}

type Definition = { type: string; [field: string]: unknown };

function definitionOf(schema: z.core.$ZodType): Definition {
  return schema._zod.def as unknown as Definition;
}

/** Through optional, default, nullable, pipe… to the schema that decides the shape. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const definition = definitionOf(schema);
  switch (definition.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return unwrap(definition.innerType as z.core.$ZodType);
    case 'pipe':
      return unwrap(definition.in as z.core.$ZodType);
    case 'lazy':
      return unwrap((definition.getter as () => z.core.$ZodType)());
    case 'union':
      return (definition.options as z.core.$ZodType[]).flatMap(unwrap);
    default:
      return [schema];
  }
}

function objectsOf(schema: z.core.$ZodType, value: unknown): z.core.$ZodType[] {
  const objects = unwrap(schema).filter((node) => definitionOf(node).type === 'object');
  // The branch the value's discriminator names, when there is exactly such a thing.
  const chosen = objects.filter((object) =>
    Object.entries(shapeOf(object)).some(([key, field]) => {
      const literal = definitionOf(field);
      const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      return literal.type === 'literal' && given !== undefined && (literal.values as unknown[]).includes(given);
    }),
  );
  return chosen.length > 0 ? chosen : objects;
}

function shapeOf(object: z.core.$ZodType): Record<string, z.core.$ZodType> {
  return definitionOf(object).shape as Record<string, z.core.$ZodType>;
}

function childrenAt(schema: z.core.$ZodType, step: PropertyKey): z.core.$ZodType[] {
  return unwrap(schema).flatMap((node) => {
    const definition = definitionOf(node);
    if (definition.type === 'object') {
      const child = typeof step === 'string' ? shapeOf(node)[step] : undefined;
      return child ? [child] : [];
    }
    if (definition.type === 'record') return [definition.valueType as z.core.$ZodType];
    if (definition.type === 'array') return [definition.element as z.core.$ZodType];
    return [];
  });
}
