/**
 * The request bodies the emulated operations take, checked once as they arrive (zod); a body that
 * does not fit is the service's 400, naming the field.
 */
import * as z from 'zod';
import { acsErrors } from './acs-wire.js';

const stringMap = z.record(z.string(), z.string());

/** A CommunicationIdentifierModel: only ACS users are emulated (`communicationUser`, or a `rawId` of one). */
export const identifierSchema = z
  .object({ rawId: z.string().optional(), kind: z.string().optional(), communicationUser: z.object({ id: z.string().min(1) }).optional() })
  .refine((identifier) => identifier.communicationUser?.id ?? identifier.rawId, { message: 'must be a communicationUser identifier' })
  .transform((identifier) => (identifier.communicationUser?.id ?? identifier.rawId) as string);

export const participantSchema = z.object({
  communicationIdentifier: identifierSchema,
  displayName: z.string().optional(),
  shareHistoryTime: z.iso.datetime({ offset: true }).optional(),
  metadata: stringMap.optional(),
});
export type ParticipantBody = z.infer<typeof participantSchema>;

export const createIdentityBody = z.object({ createTokenWithScopes: z.array(z.string()).optional(), expiresInMinutes: z.number().int().optional() });
export const issueTokenBody = z.object({ scopes: z.array(z.string()), expiresInMinutes: z.number().int().optional() });

export const createThreadBody = z.object({
  topic: z.string().min(1, 'topic must not be empty'),
  participants: z.array(participantSchema).optional(),
  metadata: stringMap.optional(),
  retentionPolicy: z.unknown().optional(),
});
export const updateThreadBody = z.object({ topic: z.string().min(1).optional(), metadata: stringMap.optional(), retentionPolicy: z.unknown().optional() });
export const addParticipantsBody = z.object({ participants: z.array(participantSchema).min(1, 'participants must not be empty') });
export const sendMessageBody = z.object({
  content: z.string(),
  senderDisplayName: z.string().optional(),
  type: z.enum(['text', 'html']).optional(),
  metadata: stringMap.optional(),
});
export const typingBody = z.object({ senderDisplayName: z.string().optional() });
export const readReceiptBody = z.object({ chatMessageId: z.string().min(1) });

export const sendSmsBody = z.object({
  from: z.string().min(1),
  smsRecipients: z
    .array(z.object({ to: z.string(), repeatabilityRequestId: z.string().optional(), repeatabilityFirstSent: z.string().optional() }))
    .min(1, 'smsRecipients must not be empty'),
  message: z.string(),
  smsSendOptions: z.object({ enableDeliveryReport: z.boolean().optional(), tag: z.string().optional(), validityPeriodSeconds: z.number().optional() }).optional(),
});

/**
 * The body as the schema reads it, or a 400 naming the first field at fault.
 *
 * @example
 * const { topic } = readBodyAs(createThreadBody, body);
 */
export function readBodyAs<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw acsErrors.badRequest(`${field}: ${issue?.message ?? 'invalid'}`);
}
