/**
 * Handing a conversation to a person: the envelope every provider carries, and its renderings.
 */
export { buildHandoffEnvelope, handoffEnvelopeVersion, type HandoffEnvelope, type EnvelopeLine, type EnvelopeInput } from './handoff-envelope.js';
export { summarizeHandoff } from './handoff-summary.js';
export {
  envelopeAttributes,
  attributesBytes,
  transcriptText,
  envelopeAttributeNames,
  connectAttributesLimit,
  lexAttributesLimit,
  type EnvelopeAttributesOptions,
} from './envelope-attributes.js';
