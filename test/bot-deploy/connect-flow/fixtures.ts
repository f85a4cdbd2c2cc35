// Options for a flow like the reference assistant's: its three queues, one of them the default.
import type { ConnectFlowOptions } from '../../../bot-deploy/connect-flow/index.js';

const instance = 'arn:aws:connect:us-east-1:123456789012:instance/7f18d5d6-8e42-4613-9014-84503d17e7da';
export const queueArn = (id: string) => `${instance}/queue/${id}`;
export const botAliasArn = 'arn:aws:lex:us-east-1:123456789012:bot-alias/YY9557EM03/LQ1YCOYG6U';

export const referenceOptions = {
  botAliasArn,
  queues: {
    Billing: queueArn('48e235a6-546b-43a8-aa4c-9a8d04e45ad1'),
    TechSupport: queueArn('67777cdc-a968-4008-82af-c66ef76820a8'),
    General: queueArn('e7c6d05e-b7f2-43d6-abe9-aa861e2c0001'),
  },
  defaultQueue: queueArn('e7c6d05e-b7f2-43d6-abe9-aa861e2c0001'),
} satisfies ConnectFlowOptions;
