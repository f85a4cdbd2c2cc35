/**
 * The event an Amazon Connect flow's "Invoke AWS Lambda function" block sends (`ContactFlowEvent`),
 * and the small view of its contact that a bot author's functions are given. Events are checked at
 * the boundary, so a malformed one is refused with what is wrong and where, before anything is read.
 */
import * as z from 'zod';
import { isSafeId } from '../../src/core/ids.js';

/** What the block's `action` parameter may ask for; `envelope` when it names none. */
export const connectFlowActionNames = ['envelope', 'queue', 'lookup'] as const;
export type ConnectFlowAction = (typeof connectFlowActionNames)[number];

// A Connect contact id is a UUID; anything a Lex session id may hold is let through, since the
// contact's id is the Lex session's, and the conversation's id is made from it.
const contactId = z.string().regex(/^[0-9A-Za-z._:-]{2,100}$/, 'is a Connect contact id (2–100 letters, digits and ._:-)');
const conversationId = z.string().refine(isSafeId, 'is a conversation id (1–200 letters, digits and ._:@-, starting with a letter or digit)');
const endpoint = z.looseObject({ Address: z.string().optional(), Type: z.string().optional() }).nullable().optional();

/** What Connect sends: only what Parley reads is required, and unknown fields are kept (Connect adds some every year). */
export const connectFlowEventSchema = z.looseObject({
  Name: z.literal('ContactFlowEvent'),
  Details: z.looseObject({
    ContactData: z.looseObject({
      Attributes: z.record(z.string(), z.string()).nullable().optional(),
      Channel: z.string().min(1),
      ContactId: contactId,
      InitialContactId: contactId.nullable().optional(),
      PreviousContactId: contactId.nullable().optional(),
      CustomerEndpoint: endpoint,
      SystemEndpoint: endpoint,
      LanguageCode: z.string().nullable().optional(),
      Queue: z.looseObject({ Name: z.string().nullable().optional(), ARN: z.string().nullable().optional() }).nullable().optional(),
    }),
    // The block's "Function input parameters": strings, or any JSON when the block sends JSON.
    Parameters: z
      .looseObject({
        action: z.enum(connectFlowActionNames, { error: `is one of ${connectFlowActionNames.join(', ')}` }).optional(),
        conversationId: conversationId.optional(),
      })
      .nullable()
      .optional(),
  }),
});

export type ConnectFlowEvent = z.infer<typeof connectFlowEventSchema>;

/**
 * The contact a flow Lambda serves, as a bot author's `chooseQueue` and `lookupCustomer` see it.
 * `phoneNumber` is the customer's; Parley never logs it.
 */
export interface ConnectContact {
  contactId: string;
  /** The contact this one continues (a transfer's first contact); the contact itself when it is the first. */
  initialContactId: string;
  /** `VOICE`, `CHAT`, `TASK` or `EMAIL`. */
  channel: string;
  /** The customer's phone number (E.164, `+15555550100`) when they are on the phone or texting. */
  phoneNumber?: string;
  /** The contact's attributes (user-defined), as the flow has set them so far. */
  attributes: Readonly<Record<string, string>>;
  /** The contact's language (`en-US`), when the flow set one. */
  languageCode?: string;
  /** The queue the contact is in, when it is in one. */
  queueName?: string;
  /** The block's input parameters. */
  parameters: Readonly<Record<string, unknown>>;
}

/**
 * @example
 * contactOf(connectFlowEventSchema.parse(event)).phoneNumber // '+15555550100'
 */
export function contactOf(event: ConnectFlowEvent): ConnectContact {
  const data = event.Details.ContactData;
  const contact: ConnectContact = {
    contactId: data.ContactId,
    initialContactId: data.InitialContactId ?? data.ContactId,
    channel: data.Channel,
    attributes: data.Attributes ?? {},
    parameters: event.Details.Parameters ?? {},
  };
  if (data.CustomerEndpoint?.Type === 'TELEPHONE_NUMBER' && data.CustomerEndpoint.Address) contact.phoneNumber = data.CustomerEndpoint.Address;
  if (data.LanguageCode) contact.languageCode = data.LanguageCode;
  if (data.Queue?.Name) contact.queueName = data.Queue.Name;
  return contact;
}
