/**
 * The shape of a CLU analyze-conversations answer, read the same whether it comes straight off the
 * wire (`confidenceScore`, as the GA service and the corpus recordings spell it) or through the beta
 * JS client, whose deserialiser renames it to `confidence`. Unknown keys are kept: the service adds
 * some over time (`RegexKey`, `detectedLanguage`).
 */
import * as z from 'zod';

const score = {
  confidenceScore: z.number().optional(),
  confidence: z.number().optional(),
};
const hasScore = (item: { confidenceScore?: number | undefined; confidence?: number | undefined }) =>
  item.confidenceScore !== undefined || item.confidence !== undefined;

const intent = z.looseObject({ category: z.string(), ...score }).refine(hasScore, 'an intent without a confidence score');

/** `resolutionKind` is `DateTimeResolution` on the wire and `DateTime` in the beta client's types: both are read. */
const resolution = z.looseObject({ resolutionKind: z.string() });
const extraInformation = z.looseObject({ extraInformationKind: z.string() });

const entity = z
  .looseObject({
    category: z.string(),
    text: z.string(),
    offset: z.number().int().min(0),
    length: z.number().int().min(0),
    ...score,
    resolutions: z.array(resolution).optional(),
    extraInformation: z.array(extraInformation).optional(),
  })
  .refine(hasScore, 'an entity without a confidence score');

const prediction = z.looseObject({
  projectKind: z.string(),
  topIntent: z.string().nullish(),
  intents: z.array(intent),
  entities: z.array(entity).default([]),
});

export const cluResultSchema = z.looseObject({
  kind: z.literal('ConversationResult'),
  result: z.looseObject({ query: z.string(), detectedLanguage: z.string().optional(), prediction }),
});

export type CluResult = z.output<typeof cluResultSchema>;
export type CluPrediction = CluResult['result']['prediction'];
export type CluIntent = CluPrediction['intents'][number];
export type CluEntity = CluPrediction['entities'][number];
export type CluResolution = z.output<typeof resolution>;
export type CluExtraInformation = z.output<typeof extraInformation>;

/** A score under either spelling; the schema guarantees one is there. */
export function scoreOf(item: { confidenceScore?: number | undefined; confidence?: number | undefined }): number {
  return item.confidenceScore ?? item.confidence ?? 0;
}

/** `DateTimeResolution` and `DateTime` both read as `DateTime`. */
export function resolutionKindOf(resolution: CluResolution): string {
  return resolution.resolutionKind.replace(/Resolution$/, '');
}
