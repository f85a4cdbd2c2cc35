/**
 * The YAML library, loaded the first time a config or intent file is read: a start with a JSON config
 * (or none) and a model artefact parses no YAML, and need not load some 70 modules. Reading files is
 * synchronous here, so the loading is too: `require` of its CommonJS build. A bundle puts
 * load-yaml.bundle.ts in this module's place.
 */
import { createRequire } from 'node:module';

export type YamlLibrary = typeof import('yaml');

const load = createRequire(import.meta.url);

/**
 * @example
 * const { parseDocument } = loadYaml();
 */
export function loadYaml(): YamlLibrary {
  return load('yaml') as YamlLibrary;
}
