/** Intents and slot types declared in TypeScript, in the same shapes as intent-file entries. */
import type { SourcePosition } from '../core/errors.js';
import { callSite } from './call-site.js';
import type { IntentDefinition, SlotTypeDefinition } from './intent-schema.js';

// Kept beside the definitions rather than on them, so a definition stays exactly the file shape.
const definedAt = new WeakMap<object, SourcePosition>();

/**
 * Declares an intent in code. It is checked, like an intent file, when passed to `buildIntentModel`;
 * problems point at the line that called `defineIntent`.
 *
 * @example
 * const bookAppointment = defineIntent({
 *   name: 'BookAppointment',
 *   utterances: ['book a {service=repair} for {date}'],
 *   slots: [{ name: 'service', type: 'ServiceType', prompt: 'What kind of visit?' }, { name: 'date', type: 'date' }],
 * })
 */
export function defineIntent(definition: IntentDefinition): IntentDefinition {
  return remember({ ...definition }, callSite(defineIntent));
}

/**
 * Declares a slot type in code: a list of values, or a pattern.
 *
 * @example
 * const serviceType = defineSlotType({ name: 'ServiceType', values: ['installation', { value: 'repair', synonyms: ['fix'] }] })
 */
export function defineSlotType(definition: SlotTypeDefinition): SlotTypeDefinition {
  return remember({ ...definition }, callSite(defineSlotType));
}

/** Where a definition was declared, if it came from `defineIntent` or `defineSlotType`. */
export function definitionSource(definition: unknown): SourcePosition | undefined {
  return typeof definition === 'object' && definition !== null ? definedAt.get(definition) : undefined;
}

function remember<Definition extends object>(definition: Definition, source: SourcePosition | undefined): Definition {
  if (source) definedAt.set(definition, source);
  return definition;
}
