/**
 * load-yaml.ts as a bundle has it (`parley lambda build` puts this module in that one's place): the
 * library required by its name, so that the bundler takes it in; its code still runs only when a file
 * is first read. Never loaded outside a bundle, where an ES module has no `require`.
 */
import type { YamlLibrary } from './load-yaml.js';

export function loadYaml(): YamlLibrary {
  return require('yaml') as YamlLibrary;
}
