/**
 * A policy file, for `parley chat --policy` and `parley nlu eval --policy`: YAML or JSON holding an
 * `nlu` section (`providers`, `settings`, `policy`), either at the top or under an `nlu:` key (so a
 * `parley.config.yaml` serves as one too).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeSyntaxError, formatOfFile, parseConfigText } from '../../core/config-text.js';
import { ConfigurationError } from '../../core/errors.js';
import { parseNluConfig, type NluConfig } from './nlu-config-schema.js';

/**
 * Reads and validates a policy file; errors name the file and the key.
 *
 * @example
 * const nlu = loadNluConfigFile('policy.yaml');
 * const recognizer = createRecognizerFromConfig(nlu, { model });
 */
export function loadNluConfigFile(file: string, option = '--policy'): NluConfig {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new ConfigurationError(option, `cannot read ${file}; give a YAML or JSON file with providers and a policy (see docs/understanding.md)`);
  }
  const format = formatOfFile(file);
  // By position only: the parser's message quotes the text, and a policy file may sit next to keys.
  const parsed = parseConfigText(text, format);
  if (parsed.kind === 'syntax-error') throw new ConfigurationError(option, `${file} is not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${describeSyntaxError(parsed)}`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(option, `${file} must hold a mapping with providers (and a policy), like "providers: { local: { kind: local } }"`);
  }
  const record = value as Record<string, unknown>;
  const nested = record.providers === undefined && typeof record.nlu === 'object' && record.nlu !== null;
  try {
    return parseNluConfig(nested ? record.nlu : record);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(error.key, `${error.message.slice(error.key.length + 2)} (in ${file})`);
    throw error;
  }
}
