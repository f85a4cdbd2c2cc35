/**
 * The fields of an inbound Bot Framework activity that Parley reads, validated once at the edge.
 * Every other field passes through untouched (the spec says receivers must accept fields they do not
 * understand), so botbuilder still sees the whole activity.
 */
import * as z from 'zod';

const account = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  role: z.string().nullish(),
});

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http or https URL');

export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(128),
  channelId: z.string().min(1).max(256),
  serviceUrl: httpUrl,
  conversation: z.looseObject({
    id: z.string().max(4096).regex(/\S/, 'must not be blank'),
    isGroup: z.boolean().nullish(),
  }),
  id: z.string().max(1024).nullish(),
  from: account.nullish(),
  recipient: account.nullish(),
  locale: z.string().max(64).nullish(),
  text: z.string().nullish(),
  value: z.unknown().optional(),
  name: z.string().max(256).nullish(),
  membersAdded: z.array(account).nullish(),
  entities: z.array(z.unknown()).nullish(),
  deliveryMode: z.string().max(64).nullish(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** `conversation.id: expected string, received undefined`: where and what (the first ten), never the values sent. */
export function describeProblems(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}
