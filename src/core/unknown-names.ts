/**
 * Unknown keys and names in config, described without echoing them. Someone who pastes a secret
 * where a key goes must not get it printed back (into a terminal, a CI log, a ticket): a name is
 * shown only when it is a near miss of a known one, which no secret is.
 */
import { editDistance } from './edit-distance.js';

/**
 * The known name that `name` is a near miss of (a typo, another case, `_` for nothing), if any.
 *
 * @example
 * closestName('appPasword', ['appId', 'appPassword']) // 'appPassword'
 * closestName('s3cr3t-DO-NOT-PRINT', ['appId', 'appPassword']) // undefined
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  if (name.length > 64 || !/^[\w.-]+$/.test(name)) return undefined;
  const wanted = normalize(name);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const target = normalize(candidate);
    const allowed = target.length <= 4 ? 1 : target.length <= 8 ? 2 : 3;
    const distance = editDistance(wanted, target, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * `unknown key appPasword (did you mean appPassword?)`, or, for a name that is no near miss,
 * `an unknown key of 24 characters (not shown, in case it is a secret)`; then the known names.
 *
 * @example
 * describeUnknownNames(['prot'], ['bot', 'host', 'port']) // 'unknown key prot (did you mean port?); known keys: bot, host, port'
 */
export function describeUnknownNames(names: readonly string[], known: readonly string[], noun = 'key'): string {
  const listed = known.length > 0 ? `; known ${noun}s: ${known.join(', ')}` : '';
  const described = names.map((name) => {
    const near = closestName(name, known);
    if (near) return `${names.length === 1 ? `unknown ${noun} ` : ''}${name} (did you mean ${near}?)`;
    return names.length === 1 ? hiddenName(name, noun) : `one of ${characters(name)} (not shown, in case it is a secret)`;
  });
  return `${names.length === 1 ? '' : `${names.length} unknown ${noun}s: `}${described.join(', ')}${listed}`;
}

/**
 * A name described by its length only.
 *
 * @example
 * hiddenName('s3cr3t', 'provider') // 'an unknown provider of 6 characters (not shown, in case it is a secret)'
 */
export function hiddenName(name: string, noun = 'key'): string {
  return `an unknown ${noun} of ${characters(name)} (not shown, in case it is a secret)`;
}

function characters(name: string): string {
  return `${name.length} character${name.length === 1 ? '' : 's'}`;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_. ]/g, '');
}
