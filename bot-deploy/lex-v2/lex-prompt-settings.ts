/**
 * A Lex prompt's input settings (barge-in, audio and DTMF input, timeouts) <-> the `lex:` block of a
 * slot or confirmation in intent files. The block holds only what differs from what the Lex console
 * writes by default (`defaultPromptAttempts`), key by key, `null` for a default the export leaves
 * unset, so a prompt with the defaults has no block and any other builds back to what it was.
 */
import type { LexPromptSettings } from '../../src/content/intent-model.js';
import { lexAttemptNames, type LexAttemptName } from '../../src/content/lex-schema.js';
import { normaliseLexJson, sameJson } from './compare-lex-archives.js';
import { defaultPromptAttempts } from './lex-prompt-defaults.js';
import type { ReadLexPromptSpecification } from './lex-archive-schemas.js';
import type { LexPromptSpecification } from './lex-archive-types.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

/**
 * The `lex:` block for a prompt specification, or undefined when it has Lex's defaults. Attempts are
 * compared with the defaults for the prompt's own `maxRetries`.
 *
 * @example
 * lexPromptSettings({ ...spec, allowInterrupt: false }) // { allowInterrupt: false }
 */
export function lexPromptSettings(spec: ReadLexPromptSpecification): LexPromptSettings | undefined {
  const settings: LexPromptSettings = {};
  if (spec.allowInterrupt === false) settings.allowInterrupt = false;
  const written = normaliseLexJson(spec.promptAttemptsSpecification ?? {}) as JsonObject;
  // An export without attempts (2021 and API-made bots) has Lex's defaults.
  if (Object.keys(written).length > 0) {
    const defaults = normaliseLexJson(defaultPromptAttempts(spec.maxRetries)) as JsonObject;
    const attempts = overrides(defaults, written) as LexPromptSettings['attempts'] | undefined;
    if (attempts) settings.attempts = attempts;
  }
  return Object.keys(settings).length === 0 ? undefined : settings;
}

/**
 * `promptAttemptsSpecification` for `maxRetries` retries with the block's settings laid over the
 * console's defaults, attempts in Lex's order.
 *
 * @example
 * promptAttempts(2, { attempts: { Initial: { allowedInputTypes: { allowDTMFInput: false } } } }).Initial?.allowedInputTypes
 * // { allowAudioInput: true, allowDTMFInput: false }
 */
export function promptAttempts(maxRetries: number, settings: LexPromptSettings | undefined): LexPromptSpecification['promptAttemptsSpecification'] {
  const attempts = defaultPromptAttempts(maxRetries) as Record<string, Json>;
  for (const [name, override] of Object.entries(settings?.attempts ?? {})) {
    if (override === undefined) continue;
    if (override === null) delete attempts[name];
    else attempts[name] = overlay(isObject(attempts[name]) ? attempts[name] : {}, override);
  }
  const ordered = lexAttemptNames.filter((name: LexAttemptName) => name in attempts).map((name) => [name, attempts[name]] as const);
  return Object.fromEntries(ordered) as LexPromptSpecification['promptAttemptsSpecification'];
}

/** What `actual` changes of `base`: changed leaves, keys it adds, `null` for keys it lacks; undefined when equal. */
function overrides(base: Json, actual: Json): Json | undefined {
  if (sameJson(base, actual)) return undefined;
  if (!isObject(base) || !isObject(actual)) return actual;
  const changed: JsonObject = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(actual)])) {
    if (!(key in actual)) changed[key] = null;
    else if (!(key in base)) changed[key] = actual[key];
    else {
      const inner = overrides(base[key], actual[key]);
      if (inner !== undefined) changed[key] = inner;
    }
  }
  return changed;
}

/** `base` with `override` laid over it: `null` takes a key out. */
function overlay(base: JsonObject, override: Json): JsonObject {
  const result: JsonObject = structuredClone(base);
  for (const [key, value] of Object.entries(override as JsonObject)) {
    if (value === undefined) continue;
    if (value === null) delete result[key];
    else if (isObject(value)) result[key] = overlay(isObject(result[key]) ? result[key] : {}, value);
    else result[key] = value;
  }
  return result;
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
