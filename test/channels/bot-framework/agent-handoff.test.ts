// A Bot Framework conversation handed to a person in Amazon Connect: the agent's words reach the
// customer's conversation outside any turn (botbuilder's proactive continueConversation, POSTed to the
// connector), and the customer's reach the agent, until the agent leaves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, createConnectChatProvider, createMemoryStore, fixedClock, type Bot } from 'parley-sdk';
import { startConnectEmulator, type ConnectEmulator } from 'parley-sdk/testing';
import acmeTelecom from '../../../dialogs/index.js';
import { captureLogs, messageActivity, mount, postActivity, startConnector } from './helpers.js';

let connect: ConnectEmulator;
let bot: Bot;
let connector: Awaited<ReturnType<typeof startConnector>>;

beforeEach(async () => {
  connect = await startConnectEmulator();
  connector = await startConnector();
  const handoff = createConnectChatProvider({ instanceId: connect.instance.InstanceId, contactFlowId: connect.instance.ContactFlowId, region: 'us-east-1', endpoint: connect.url, credentials: { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' } });
  bot = await createBot(acmeTelecom, { clock: fixedClock('2030-03-04', 'America/New_York'), store: createMemoryStore(), handoff });
});

afterEach(async () => {
  await bot.close();
  await connect.close();
  await connector.close();
});

/** The texts the connector received so far, in order. */
const sentTexts = () => connector.requests.map((request) => request.body.text as string | undefined).filter((text): text is string => typeof text === 'string');

async function until(test: () => boolean): Promise<void> {
  // The connector is a local server: each poll waits a macrotask for its requests, never a fixed time.
  while (!test()) await new Promise((resolve) => setImmediate(resolve));
}

describe('Bot Framework handed to an Amazon Connect agent', () => {
  it('sends the agent\'s words to the customer\'s conversation, and the customer\'s to the agent', async () => {
    const app = mount({ bot, logger: captureLogs().logger });
    const say = (text: string) => postActivity(app, messageActivity(text, { serviceUrl: connector.url, conversation: { id: 'teams-1' } }));
    expect((await say('talk to a person')).status).toBe(200);
    const contact = await connect.nextWaitingContact();
    expect(contact.attributes).toMatchObject({ parley_queue: 'General', parley_reason: 'requested', parley_channel: 'bot-framework' });

    connect.acceptContact(contact.contactId, { agentName: 'Sam' });
    await until(() => sentTexts().includes('Sam has joined the conversation.'));
    const before = connector.requests.length;
    expect((await say('my bill is wrong')).status).toBe(200);
    expect(connector.requests.length).toBe(before); // the bot said nothing
    expect(connect.contact(contact.contactId).transcript.some((item) => item.Content === 'my bill is wrong')).toBe(true);

    connect.sendAgentMessage(contact.contactId, 'Let me look at your bill.');
    await until(() => sentTexts().includes('Let me look at your bill.'));
    connect.endContact(contact.contactId);
    await until(() => sentTexts().some((text) => /back with the assistant/.test(text)));
    expect(sentTexts().slice(-3)).toEqual(['Let me look at your bill.', 'The person has left the conversation.', expect.stringMatching(/back with the assistant/)]);
    const proactive = connector.requests.find((request) => request.body.text === 'Let me look at your bill.')!;
    // Sent to the customer's conversation, by botbuilder's proactive continueConversation.
    expect(proactive.path).toMatch(/^\/v3\/conversations\/teams-1\/activities/);

    // The bot has the conversation again, and answers within the turn.
    const after = connector.requests.length;
    await say('is there an outage in 94105?');
    expect(connector.requests.slice(after).map((request) => request.body.text)).toEqual([expect.stringMatching(/outage/i)]);
  });
});

describe('Bot Framework notifications', () => {
  it('reach the customer\'s conversation outside a turn, at the reference kept with it', async () => {
    const app = mount({ bot, logger: captureLogs().logger });
    expect((await postActivity(app, messageActivity('hi', { serviceUrl: connector.url, conversation: { id: 'teams-2' } }))).status).toBe(200);
    const conversationId = 'bf:emulator:teams-2';
    const before = connector.requests.length;
    expect(await bot.notify(conversationId, { text: 'Your technician arrives at 3pm. Reply CHANGE to rebook.', offer: { dialog: 'BookAppointment', replies: ['CHANGE'] } })).toEqual({ conversationId, status: 'sent', offered: true });
    const sent = connector.requests.slice(before);
    expect(sent.map((request) => request.body.text)).toEqual(['Your technician arrives at 3pm. Reply CHANGE to rebook.']);
    expect(sent[0]!.path).toMatch(/^\/v3\/conversations\/teams-2\/activities/);
  });
});
