import { EventFactory, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { ConversationView, TurnOutput } from 'parley-sdk';
import { renderActivities } from '../../../channels/bot-framework/index.js';
import { messageActivity } from './helpers.js';

const idle: ConversationView = { intent: null, dialog: null, awaiting: null, slots: {}, handoff: null, ended: false };
const output = (partial: Partial<TurnOutput>): TurnOutput => ({ conversationId: 'c1', messages: [], directives: [], view: idle, ...partial });

describe('renderActivities', () => {
  it('renders quick replies as imBack suggested actions, and marks a question as expecting input', () => {
    const activities = renderActivities(
      output({
        messages: [{ text: 'Got it.' }, { text: 'Shall I book it?', quickReplies: [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }] }],
        view: { ...idle, dialog: 'BookAppointment', awaiting: 'confirmation' },
      }),
    );
    expect(activities).toEqual([
      { type: 'message', text: 'Got it.', textFormat: 'plain', inputHint: 'acceptingInput' },
      {
        type: 'message',
        text: 'Shall I book it?',
        textFormat: 'plain',
        inputHint: 'expectingInput',
        suggestedActions: { actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }] },
      },
    ]);
  });

  it('renders a handoff as the text, then the handoff.initiate event that EventFactory builds', () => {
    const inbound = messageActivity('agent please') as unknown as Activity;
    const activities = renderActivities(
      output({ messages: [{ text: 'Sure, hold on.' }], directives: [{ kind: 'handoff', queue: 'TechSupport', reason: 'requested', dialog: 'ReportOutage' }] }),
      inbound,
    );
    expect(activities.map((activity) => activity.type)).toEqual(['message', 'event']);
    const handoff = activities[1]!;
    const value = { queue: 'TechSupport', reason: 'requested', dialog: 'ReportOutage' };
    expect(handoff).toMatchObject({ name: 'handoff.initiate', value });
    const reference = EventFactory.createHandoffInitiation(new TurnContext(new TestAdapter(), inbound), value);
    for (const field of ['type', 'name', 'value', 'relatesTo', 'attachments', 'entities'] as const) expect(handoff[field], field).toEqual(reference[field]);
    expect(handoff.relatesTo).toMatchObject({ activityId: inbound.id, conversation: { id: 'conv-1' }, channelId: 'emulator' });
  });

  it('renders the end of a conversation as endOfConversation, after what the bot said', () => {
    const activities = renderActivities(output({ messages: [{ text: 'Goodbye!' }], directives: [{ kind: 'end' }], view: { ...idle, ended: true } }));
    expect(activities).toEqual([
      { type: 'message', text: 'Goodbye!', textFormat: 'plain', inputHint: 'acceptingInput' },
      { type: 'endOfConversation', code: 'completedSuccessfully' },
    ]);
  });

  it('renders nothing for a turn with nothing to say', () => {
    expect(renderActivities(output({}))).toEqual([]);
  });
});
