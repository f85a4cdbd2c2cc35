// The incumbent's side of the engine benchmark: the BookAppointment flow on botbuilder-dialogs,
// many conversations in flight at once, driven turn by turn through a minimal adapter.
import { createRequire } from 'node:module';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  ConversationState,
  MemoryStorage,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { type Appointment, BookAppointmentDialog, prompts } from './botbuilder-book-appointment-dialog.js';
import { driveConversations, type PeerRunResult } from '../drive-conversations.js';

export type { PeerRunResult } from '../drive-conversations.js';

/** What the customer says on each turn; recognition is given, so no NLU runs on either side. */
const script = ['book an appointment', 'repair', '2030-03-08', '15:00', 'yes'];
const givenIntents = new Map([['book an appointment', 'BookAppointment']]);
const expected: Appointment = { service: 'repair', date: '2030-03-08', time: '15:00' };
const channelId = 'bench';

/**
 * Runs `conversations` BookAppointment conversations on botbuilder-dialogs: each of the 5 turns is
 * run for every conversation, `inFlight` at a time (default: all at once, interleaved), each timed.
 * Throws if any conversation does not end booked, so a broken flow cannot be measured.
 *
 * @example
 * const result = await runBotbuilderBookAppointment({ conversations: 10_000 });
 */
export async function runBotbuilderBookAppointment(options: { conversations: number; inFlight?: number }): Promise<PeerRunResult> {
  const memory: Record<string, string> = {};
  const conversationState = new ConversationState(new MemoryStorage(memory));
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState'));
  const bookings = new Map<string, Appointment & { code: string }>();
  dialogs.add(
    new BookAppointmentDialog((context, appointment) => {
      const code = `BK-${String(bookings.size + 1).padStart(6, '0')}`;
      bookings.set(context.activity.conversation.id, { ...appointment, code });
      return code;
    }),
  );

  async function onTurn(context: TurnContext): Promise<void> {
    const dialogContext = await dialogs.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      if (givenIntents.get(context.activity.text ?? '') === 'BookAppointment') await dialogContext.beginDialog(BookAppointmentDialog.id);
      else await context.sendActivity('Sorry, I can only book appointments.');
    }
    await conversationState.saveChanges(context);
  }

  const adapter = new CollectingAdapter();
  const replies = new Map<string, Partial<Activity>[]>();
  return driveConversations(
    {
      name: `botbuilder-dialogs ${packageVersion('botbuilder-dialogs')}`,
      turns: script.length,
      async runTurn(id, turn) {
        replies.set(id, await adapter.processTurn(messageActivity(id, turn, script[turn]!), onTurn));
      },
      afterTurn: (turn, ids) => checkReplies(turn, ids.map((id) => replies.get(id)!), ids, bookings),
      stateBytes: (id) => Buffer.byteLength(storedStateOf(memory, id)),
      finish: (ids) => checkAllBooked(ids, bookings, memory),
    },
    options,
  );
}

/**
 * A minimal adapter: runs the middleware pipeline and the bot for one activity and returns what the
 * bot sent. TestAdapter is not used because it funnels every conversation's replies into one shared
 * queue (and stamps each reply with a uuid), which suits one scripted conversation, not 10,000 at once.
 */
class CollectingAdapter extends BotAdapter {
  private readonly repliesKey = Symbol('replies');

  async processTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(this.repliesKey, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    (context.turnState.get(this.repliesKey) as Partial<Activity>[]).push(...activities);
    return activities.map(() => ({ id: '' }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('the benchmark never updates an activity');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('the benchmark never deletes an activity');
  }

  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('the benchmark never continues a conversation proactively');
  }
}

function messageActivity(conversationId: string, turn: number, text: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: `${conversationId}/${turn}`,
    channelId,
    serviceUrl: 'https://bench.invalid',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${conversationId}`, name: 'customer' },
    recipient: { id: 'bot', name: 'bot' },
    locale: 'en-US',
    text,
  };
}

/** What MemoryStorage holds for a conversation: ConversationState's key (empty namespace) -> JSON text. */
function storedStateOf(memory: Record<string, string>, conversationId: string): string {
  const stored = memory[`${channelId}/conversations/${conversationId}/`];
  if (stored === undefined) throw new Error(`botbuilder flow broken: nothing stored for ${conversationId}`);
  return stored;
}

function checkReplies(turn: number, replies: Partial<Activity>[][], ids: readonly string[], bookings: Map<string, { code: string }>): void {
  for (const [index, sent] of replies.entries()) {
    const id = ids[index] ?? '';
    const text = sent.length === 1 ? (sent[0]?.text ?? '') : `${sent.length} replies`;
    const ok = [
      () => text === prompts.service,
      () => text === prompts.date,
      () => text === prompts.time,
      () => text.startsWith(prompts.confirm(expected)),
      () => text === prompts.booked(bookings.get(id)?.code ?? 'no booking'),
    ][turn]?.();
    if (!ok) throw new Error(`botbuilder flow broken: ${id} turn ${turn + 1} ("${script[turn]}") got "${text}"`);
  }
}

function checkAllBooked(ids: readonly string[], bookings: Map<string, Appointment>, memory: Record<string, string>): void {
  for (const id of ids) {
    const booking = bookings.get(id);
    if (booking?.service !== expected.service || booking.date !== expected.date || booking.time !== expected.time) {
      throw new Error(`botbuilder flow broken: ${id} booked ${JSON.stringify(booking)}`);
    }
    const stored = JSON.parse(storedStateOf(memory, id)) as { DialogState?: DialogState };
    if (stored.DialogState?.dialogStack.length !== 0) throw new Error(`botbuilder flow broken: ${id} still has a dialog running`);
  }
}


function packageVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}
