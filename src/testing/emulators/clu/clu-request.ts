/** Reading an analyze-conversations request as the service does: the api-version, then the body. */
import * as z from 'zod';

/**
 * The api-versions that serve `:analyze-conversations`: the GA ones and the previews in Azure's REST
 * specs. The JS client 1.0.0-beta.1 sends `2022-05-15-preview`.
 */
export const cluApiVersions: readonly string[] = [
  '2022-05-01',
  '2022-05-15-preview',
  '2022-10-01-preview',
  '2023-04-01',
  '2023-04-15-preview',
  '2023-11-15-preview',
  '2024-05-01',
  '2024-05-15-preview',
  '2024-11-01',
  '2024-11-15-preview',
  '2025-05-15-preview',
  '2025-11-15-preview',
];

/** How offsets are counted. The service also takes the spec example's misspelling `TextElement_V8`. */
export type StringIndexType = 'TextElements_v8' | 'UnicodeCodePoint' | 'Utf16CodeUnit';

const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} must not be empty`);

const requestSchema = z.object({
  kind: z.literal('Conversation', { error: 'kind must be "Conversation"' }),
  analysisInput: z.object(
    {
      conversationItem: z.object(
        {
          id: required('analysisInput.conversationItem.id'),
          participantId: required('analysisInput.conversationItem.participantId'),
          text: required('analysisInput.conversationItem.text'),
          language: z.string().optional(),
          modality: z.enum(['text'], { error: 'only the text modality is emulated' }).optional(),
        },
        { error: 'analysisInput.conversationItem is required' },
      ),
    },
    { error: 'analysisInput is required' },
  ),
  parameters: z.object(
    {
      projectName: required('parameters.projectName'),
      deploymentName: required('parameters.deploymentName'),
      stringIndexType: z.string().optional(),
      verbose: z.boolean().optional(),
      isLoggingEnabled: z.boolean().optional(),
    },
    { error: 'parameters is required' },
  ),
});

export interface CluRequest {
  text: string;
  language: string | undefined;
  projectName: string;
  deploymentName: string;
  stringIndexType: StringIndexType;
}

export type ReadRequest = { ok: true; request: CluRequest } | { ok: false; message: string };

/**
 * Validates a request body, naming the first problem.
 *
 * @example
 * readCluRequest(JSON.parse(body)) // { ok: true, request: { text: 'book a repair', projectName: 'Parley', … } }
 */
export function readCluRequest(body: unknown): ReadRequest {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Invalid request body.' };
  const { analysisInput, parameters } = parsed.data;
  const stringIndexType = readStringIndexType(parameters.stringIndexType);
  if (!stringIndexType) return { ok: false, message: `parameters.stringIndexType "${parameters.stringIndexType}" is not one of TextElements_v8, UnicodeCodePoint, Utf16CodeUnit` };
  const item = analysisInput.conversationItem;
  return {
    ok: true,
    request: { text: item.text, language: item.language, projectName: parameters.projectName, deploymentName: parameters.deploymentName, stringIndexType },
  };
}

function readStringIndexType(written: string | undefined): StringIndexType | undefined {
  if (written === undefined) return 'TextElements_v8';
  const lower = written.toLowerCase();
  if (lower === 'textelements_v8' || lower === 'textelement_v8') return 'TextElements_v8';
  if (lower === 'unicodecodepoint') return 'UnicodeCodePoint';
  if (lower === 'utf16codeunit') return 'Utf16CodeUnit';
  return undefined;
}
