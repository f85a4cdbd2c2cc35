/**
 * The CLU project file (`projectKind: Conversation`), as `:import` takes it and `:export` gives it:
 * the types Parley writes, and the zod schema every project read back is checked with. The schema is
 * loose: the service adds keys over time, and an importer must not refuse a newer export for them.
 */
import * as z from 'zod';

/** The file versions the importer reads; Parley writes the newest GA one. */
export const cluProjectFileVersions = ['2022-05-01', '2022-10-01-preview', '2023-04-01'] as const;
export const cluProjectFileVersion = '2023-04-01';

export const compositionSettings = ['combineComponents', 'separateComponents', 'returnLongestOverlap', 'requireExactOverlap'] as const;
export type CompositionSetting = (typeof compositionSettings)[number];
export const entityComponents = ['learned', 'list', 'prebuilts', 'regex'] as const;
export type EntityComponent = (typeof entityComponents)[number];

const synonymSchema = z.looseObject({ language: z.string().min(1), values: z.array(z.string()) });
const sublistSchema = z.looseObject({ listKey: z.string().min(1), synonyms: z.array(synonymSchema).default([]) });
const expressionSchema = z.looseObject({ regexKey: z.string().min(1), language: z.string().min(1), regexPattern: z.string().min(1) });

export const cluEntitySchema = z.looseObject({
  category: z.string().min(1),
  compositionSetting: z.enum(compositionSettings).optional(),
  list: z.looseObject({ sublists: z.array(sublistSchema).default([]) }).nullish(),
  prebuilts: z.array(z.looseObject({ category: z.string().min(1) })).nullish(),
  regex: z.looseObject({ expressions: z.array(expressionSchema).default([]) }).nullish(),
  requiredComponents: z.array(z.enum(entityComponents)).nullish(),
});

const labelSchema = z.looseObject({ category: z.string().min(1), offset: z.number().int().min(0), length: z.number().int().min(0) });

export const cluUtteranceSchema = z.looseObject({
  text: z.string(),
  intent: z.string().min(1),
  language: z.string().min(1).optional(),
  dataset: z.enum(['Train', 'Test']).optional(),
  entities: z.array(labelSchema).default([]),
});

export const cluMetadataSchema = z.looseObject({
  projectKind: z.literal('Conversation', { error: 'only Conversation projects can be read (not Orchestration or others)' }),
  projectName: z.string().min(1),
  language: z.string().min(1),
  multilingual: z.boolean().default(false),
  description: z.string().nullish(),
  settings: z.looseObject({ confidenceThreshold: z.number().min(0).max(1).optional() }).nullish(),
});

export const cluAssetsSchema = z.looseObject({
  projectKind: z.literal('Conversation'),
  intents: z.array(z.looseObject({ category: z.string().min(1) })).default([]),
  entities: z.array(cluEntitySchema).default([]),
  utterances: z.array(cluUtteranceSchema).default([]),
});

/** A CLU conversation project file, as read. Unknown keys are kept, and ignored. */
export const cluProjectSchema = z.looseObject({
  projectFileVersion: z.enum(cluProjectFileVersions),
  stringIndexType: z.literal('Utf16CodeUnit', { error: 'offsets must be counted in UTF-16 code units (stringIndexType Utf16CodeUnit)' }),
  metadata: cluMetadataSchema,
  assets: cluAssetsSchema,
});

/** The utterances file Language Studio imports on its own: an array of utterances, no project around them. */
export const cluUtteranceListSchema = z.array(cluUtteranceSchema);

/** A project as read (defaults filled in, unknown keys kept). */
export type CluProjectInput = z.output<typeof cluProjectSchema>;
export type CluEntityInput = z.output<typeof cluEntitySchema>;
export type CluUtteranceInput = z.output<typeof cluUtteranceSchema>;

export type CluSynonyms = { language: string; values: string[] };
export type CluSublist = { listKey: string; synonyms: CluSynonyms[] };
export type CluRegexExpression = { regexKey: string; language: string; regexPattern: string };

/** An entity as Parley writes it. */
export type CluEntity = {
  category: string;
  compositionSetting: CompositionSetting;
  list?: { sublists: CluSublist[] };
  prebuilts?: { category: string }[];
  regex?: { expressions: CluRegexExpression[] };
  requiredComponents?: EntityComponent[];
};

/** A labelled span: UTF-16 code units, as JavaScript strings count. */
export type CluLabel = { category: string; offset: number; length: number };

export type CluUtterance = { text: string; intent: string; language?: string; dataset?: 'Train' | 'Test'; entities: CluLabel[] };

/** A CLU project as Parley writes it: what `:import` takes. */
export type CluProject = {
  projectFileVersion: string;
  stringIndexType: 'Utf16CodeUnit';
  metadata: {
    projectKind: 'Conversation';
    projectName: string;
    language: string;
    multilingual: boolean;
    description: string;
    settings: { confidenceThreshold: number };
  };
  assets: {
    projectKind: 'Conversation';
    intents: { category: string }[];
    entities: CluEntity[];
    utterances: CluUtterance[];
  };
};

/**
 * Reads a CLU project file, naming the first problem by its JSON path.
 *
 * @example
 * const read = readCluProject(JSON.parse(text));
 * if (!read.ok) console.error(read.message); // 'assets.utterances[3].entities[0].offset: …'
 */
export function readCluProject(json: unknown): { ok: true; project: CluProjectInput } | { ok: false; message: string } {
  const parsed = cluProjectSchema.safeParse(json);
  if (parsed.success) return { ok: true, project: parsed.data };
  return { ok: false, message: describeIssue(parsed.error.issues[0]) };
}

/** `assets.utterances[3].entities[0].offset: Too small: …` */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'not a CLU project';
  const path = issue.path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
  return `${path || '(the top level)'}: ${issue.message}`;
}
