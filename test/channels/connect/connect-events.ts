// Amazon Connect flow events ("Invoke AWS Lambda function"), in the shape Connect documents and the
// corpus holds, for the flow function's tests; and the corpus template with its placeholders filled.
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/shared-corpus.js';

export interface ConnectEventOptions {
  contactId?: string;
  /** Default: the contact itself. */
  initialContactId?: string;
  channel?: 'VOICE' | 'CHAT' | 'TASK';
  phoneNumber?: string;
  attributes?: Record<string, string>;
  languageCode?: string;
  queueName?: string;
  /** The block's input parameters (`action`, `conversationId`…). */
  parameters?: Record<string, unknown>;
}

const instance = 'arn:aws:connect:us-east-1:123456789012:instance/9308c2a1-9bc6-4cea-8290-6c0b4a6d38fa';

export function connectEvent(options: ConnectEventOptions = {}): Record<string, any> {
  const contactId = options.contactId ?? 'contact-1';
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: options.attributes ?? {},
        Channel: options.channel ?? 'VOICE',
        ContactId: contactId,
        CustomerEndpoint: options.phoneNumber === undefined ? null : { Address: options.phoneNumber, Type: 'TELEPHONE_NUMBER' },
        InitialContactId: options.initialContactId ?? contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: instance,
        ...(options.languageCode ? { LanguageCode: options.languageCode } : {}),
        PreviousContactId: options.initialContactId ?? contactId,
        Queue: options.queueName ? { ARN: `${instance}/queue/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`, Name: options.queueName } : null,
        SystemEndpoint: { Address: '+15555550199', Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: options.parameters ?? {},
    },
  };
}

/** The corpus's Connect event (a SAM template): its `{{{placeholders}}}` filled with these values. */
export function corpusConnectEvent(values: { contact_id: string; phone_number: string; partition?: string; region?: string; account_id?: string }): Record<string, any> {
  const filled = { partition: 'aws', region: 'us-east-1', account_id: '123456789012', ...values } as Record<string, string>;
  const template = readFileSync(corpusPath('connect-events/aws-sam-cli__ConnectContactFlowEvent.json'), 'utf8');
  const text = template.replace(/\{\{\{(\w+)\}\}\}/g, (_, name: string) => {
    if (filled[name] === undefined) throw new Error(`the corpus event has a placeholder {{{${name}}}} the test does not fill`);
    return filled[name]!;
  });
  return JSON.parse(text) as Record<string, any>;
}

/** A Lambda context with this much time left. */
export function flowContext(remainingMs: number) {
  return { getRemainingTimeInMillis: () => remainingMs, awsRequestId: 'test-request' };
}
