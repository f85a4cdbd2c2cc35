import { describe, expect, it } from 'vitest';
import { isSafeId } from '../../../src/core/ids.js';
import { cardSubmitEvent, conversationIdOf, parseActivity, type ParsedActivity } from '../../../channels/bot-framework/index.js';
import { corpusPresent, messageActivity, readCorpus } from './helpers.js';


function expectTurn(parsed: ParsedActivity) {
  if (parsed.kind !== 'turn') throw new Error(`expected a turn, got ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('parseActivity on recorded activities', () => {
  it.skipIf(!corpusPresent)('reads a customer message from the Emulator transcript', async () => {
    const transcript = await readCorpus<Array<Record<string, unknown>>>('MS-BotFramework-Emulator__sample-conversation.transcript.json');
    const parsed = expectTurn(parseActivity(transcript[3]));
    expect(parsed.input).toEqual({
      conversationId: conversationIdOf('emulator', '45b27fe0-c38a-11e9-a3eb-39b17536417c|livechat'),
      channel: 'bot-framework',
      locale: 'en-US',
      content: { kind: 'text', text: 'Hello' },
    });
    // `|` is not allowed in a store key: the id is hashed.
    expect(parsed.conversationId).toMatch(/^bfh:emulator:[0-9a-f]{64}$/);
  });

  it.skipIf(!corpusPresent)('turns a card submit into an event named by its data, with the data as value', async () => {
    const parsed = expectTurn(parseActivity(await readCorpus('BotBuilder-Samples__addItemWithButton__activity08_message_cardSubmitValue.json')));
    expect(parsed.input.content).toEqual({
      kind: 'event',
      name: 'Action_AddAction',
      value: { intent: 'Action_AddAction', skillid: 'MSMeeting-Actions', rawtext: 'update spec' },
    });
  });

  it.skipIf(!corpusPresent)('greets on conversationUpdate only when asked to, and never for the bot joining', async () => {
    const update = await readCorpus('BotBuilder-Samples__addItemWithButton__activity00_conversationUpdate.json');
    expect(parseActivity(update)).toMatchObject({ kind: 'ignore', reason: 'no-welcome-event' });
    expect(expectTurn(parseActivity(update, { welcomeEvent: 'Greeting' })).input.content).toEqual({ kind: 'event', name: 'Greeting' });
    const [botJoined] = await readCorpus<Array<Record<string, unknown>>>('MS-BotFramework-Emulator__sample-conversation.transcript.json');
    expect(parseActivity(botJoined, { welcomeEvent: 'Greeting' })).toMatchObject({ kind: 'ignore', reason: 'no-customer-joined' });
  });

  it.skipIf(!corpusPresent)('ignores what a bot sent (messages and traces in the transcripts)', async () => {
    expect(parseActivity(await readCorpus('BotBuilder-Samples__addItemWithButton__activity01_message.json'))).toMatchObject({ kind: 'ignore', reason: 'from-bot' });
    const trace = await readCorpus('BotBuilder-Samples__addItemWithButton__activity02_trace.json');
    expect(parseActivity(trace)).toMatchObject({ kind: 'ignore', reason: 'from-bot' });
    expect(parseActivity({ ...trace, from: { id: 'user-1', role: 'user' } })).toMatchObject({ kind: 'ignore', reason: 'not-a-turn' });
  });

  it.skipIf(!corpusPresent)('accepts every activity of both transcripts, each conversation under one safe id', async () => {
    for (const file of ['BotBuilder-Samples__addItemWithButton.transcript.json', 'MS-BotFramework-Emulator__sample-conversation.transcript.json']) {
      const transcript = await readCorpus<Array<Record<string, unknown>>>(file);
      const parsed = transcript.map((activity) => parseActivity(activity));
      expect(parsed.filter((result) => result.kind === 'invalid')).toEqual([]);
      const ids = new Set(parsed.map((result) => (result.kind === 'invalid' ? '' : result.conversationId)));
      expect(ids.size).toBe(1);
      expect(isSafeId([...ids][0]!)).toBe(true);
      const customerTexts = parsed.flatMap((result) => (result.kind === 'turn' && result.input.content.kind === 'text' ? [result.input.content.text] : []));
      expect(customerTexts).toEqual(file.startsWith('MS-') ? ['Hello', "I'm doing great, thanks for asking!"] : ['show tasks']);
    }
  });
});

describe('parseActivity', () => {
  const contentOf = (activity: Record<string, unknown>) => expectTurn(parseActivity(activity)).input.content;

  it('reads quick replies (imBack and postBack) as text, and an object value without a name as a card submit', () => {
    expect(contentOf(messageActivity('yes'))).toEqual({ kind: 'text', text: 'yes' });
    expect(contentOf(messageActivity('', { value: 'no', channelData: { postBack: true } }))).toEqual({ kind: 'text', text: 'no' });
    expect(contentOf(messageActivity('', { value: { choice: 2 } }))).toEqual({ kind: 'event', name: cardSubmitEvent, value: { choice: 2 } });
    // Text wins over the value of a messageBack.
    expect(contentOf(messageActivity('pay my bill', { value: { intent: 'Other' } }))).toEqual({ kind: 'text', text: 'pay my bill' });
    // An image alone is empty text: the bot asks for words instead of staying silent.
    expect(contentOf(messageActivity(undefined as unknown as string, { attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }] }))).toEqual({ kind: 'text', text: '' });
  });

  it('removes the Teams @mention of the bot, and only that one', () => {
    const activity = messageActivity('<at>Acme</at> where is <at>Sam</at> order AB123456', {
      channelId: 'msteams',
      entities: [
        { type: 'mention', text: '<at>Acme</at>', mentioned: { id: 'bot-1', name: 'Acme' } },
        { type: 'mention', text: '<at>Sam</at>', mentioned: { id: 'user-2', name: 'Sam' } },
        { type: 'clientInfo', locale: 'en-US' },
      ],
    });
    expect(contentOf(activity)).toEqual({ kind: 'text', text: '  where is <at>Sam</at> order AB123456' });
  });

  it('runs event activities only for names the bot accepts', () => {
    const event = (name: string) => messageActivity('', { type: 'event', name, value: { source: 'page' } });
    const acceptsEvent = (name: string) => name === 'TalkToAgent';
    expect(expectTurn(parseActivity(event('TalkToAgent'), { acceptsEvent })).input.content).toEqual({ kind: 'event', name: 'TalkToAgent', value: { source: 'page' } });
    expect(parseActivity(event('webchat/join'), { acceptsEvent })).toMatchObject({ kind: 'ignore', reason: 'unknown-event' });
    expect(parseActivity(event('TalkToAgent'))).toMatchObject({ kind: 'ignore', reason: 'unknown-event' });
  });

  it('ignores other activity types, and types it does not know (Bot Framework spec A2014)', () => {
    expect(parseActivity(messageActivity('', { type: 'typing' }))).toMatchObject({ kind: 'ignore', reason: 'not-a-turn' });
    expect(parseActivity(messageActivity('', { type: 'invoke', name: 'adaptiveCard/action' }))).toMatchObject({ kind: 'ignore', reason: 'not-a-turn' });
    expect(parseActivity(messageActivity('hi', { type: 'somethingNew' }))).toMatchObject({ kind: 'ignore', reason: 'unknown-type' });
  });

  it('does not greet group conversations', () => {
    const update = messageActivity('', { type: 'conversationUpdate', membersAdded: [{ id: 'user-9' }], conversation: { id: '19:x@thread.tacv2', isGroup: true } });
    expect(parseActivity(update, { welcomeEvent: 'Greeting' })).toMatchObject({ kind: 'ignore', reason: 'group-conversation' });
  });

  it('leaves the locale out when the activity has none', () => {
    expect(expectTurn(parseActivity(messageActivity('hi', { locale: undefined }))).input.locale).toBeUndefined();
    expect(expectTurn(parseActivity(messageActivity('hi', { locale: null }))).input.locale).toBeUndefined();
  });

  it('refuses what is not an activity, naming the fields but never echoing the values', () => {
    const problemsOf = (body: unknown) => {
      const parsed = parseActivity(body);
      if (parsed.kind !== 'invalid') throw new Error(`expected invalid, got ${parsed.kind}`);
      return parsed.problems.join('\n');
    };
    expect(problemsOf(messageActivity('hi', { type: undefined }))).toMatch(/^type: /m);
    expect(problemsOf(messageActivity('hi', { type: '' }))).toMatch(/^type: /m);
    expect(problemsOf(messageActivity('hi', { conversation: {} }))).toMatch(/^conversation\.id: /m);
    expect(problemsOf(messageActivity('hi', { conversation: { id: '   ' } }))).toMatch(/^conversation\.id: must not be blank/m);
    expect(problemsOf(messageActivity('hi', { conversation: undefined }))).toMatch(/^conversation: /m);
    expect(problemsOf(messageActivity('hi', { channelId: undefined }))).toMatch(/^channelId: /m);
    expect(problemsOf(messageActivity('hi', { serviceUrl: 'file:///etc/passwd' }))).toMatch(/^serviceUrl: must be an http or https URL/m);
    expect(problemsOf(messageActivity('hi', { text: 42 }))).toMatch(/^text: /m);
    expect(problemsOf(messageActivity('secret-value', { from: 'secret-sender' }))).not.toMatch(/secret/);
    expect(problemsOf([messageActivity('hi')])).toMatch(/^\(body\): /m);
    expect(problemsOf(null)).toMatch(/^\(body\): /m);
  });
});

describe('conversationIdOf', () => {
  it('keeps readable ids readable, and makes every other id safe for the store', () => {
    expect(conversationIdOf('msteams', 'a:1Jr9xYz_Q-1.2@x')).toBe('bf:msteams:a:1Jr9xYz_Q-1.2@x');
    const awkward = ['../../etc', '..', '.hidden', '', ' ', 'a/b', 'a\\b', 'x|livechat', '19:abc@thread.tacv2;messageid=1', 'é', '\u0000', 'a'.repeat(5000), 'b'.repeat(189)];
    const ids = awkward.map((id) => conversationIdOf('emulator', id));
    for (const id of ids) expect(isSafeId(id), id).toBe(true);
    expect(new Set(ids).size).toBe(awkward.length);
    expect(conversationIdOf('../channel', 'c1')).toMatch(/^bfh:other:[0-9a-f]{64}$/);
    expect(isSafeId(conversationIdOf('../channel', 'c1'))).toBe(true);
  });

  it('gives distinct pairs distinct ids, the same pair the same id', () => {
    expect(conversationIdOf('emulator', 'x|1')).toBe(conversationIdOf('emulator', 'x|1'));
    expect(conversationIdOf('emulator', 'x|1')).not.toBe(conversationIdOf('directline', 'x|1'));
    // The same bytes split differently between channel and conversation.
    expect(conversationIdOf('ab', 'c|')).not.toBe(conversationIdOf('a', 'bc|'));
    expect(conversationIdOf('a', 'b:c')).not.toBe(conversationIdOf('a:b', 'c'));
  });
});
