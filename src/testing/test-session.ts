/**
 * One conversation with a bot on a fixed clock, in memory: what testBot and conversation tests drive.
 * Bots are created once per definition; each session gets its own clock and conversation.
 */
import { fixedClock, systemClock, type Clock } from '../core/clock.js';
import { createConversationId } from '../core/ids.js';
import type { Message, TurnContent, TurnOutput } from '../core/turn.js';
import { loadIntents } from '../content/index.js';
import type { IntentModel } from '../content/intent-model.js';
import { createLocalRecognizer } from '../nlu/local/index.js';
import type { Recognizer } from '../nlu/recognizer.js';
import { createBot, type Bot } from '../runtime/create-bot.js';
import type { BotDefinition } from '../runtime/define-bot.js';
import { createMemoryStore } from '../state/index.js';

export interface SessionOptions {
  /** The bot's "today", `YYYY-MM-DD` (09:00 local) or `YYYY-MM-DDTHH:MM`; default: the real clock. */
  today?: string;
  timeZone?: string;
  locale?: string;
  channel?: string;
  recognizer?: Recognizer;
}

interface Prepared {
  model: IntentModel;
  recognizer: Recognizer;
}

const prepared = new WeakMap<BotDefinition, Promise<Prepared>>();

/** Loads intents and trains the recognizer once per bot definition, however many tests use it. */
function prepare(definition: BotDefinition): Promise<Prepared> {
  let entry = prepared.get(definition);
  if (!entry) {
    entry = (async () => {
      const model = typeof definition.intents === 'object' && 'locales' in definition.intents ? definition.intents : await loadIntents(definition.intents);
      return { model, recognizer: createLocalRecognizer({ model }) };
    })();
    prepared.set(definition, entry);
  }
  return entry;
}

export class TestSession {
  readonly conversationId = `test-${createConversationId()}`;
  readonly transcript: string[] = [];

  private constructor(readonly bot: Bot, private readonly options: SessionOptions, private readonly clock?: MovableClock) {}

  static async open(target: BotDefinition | Bot, options: SessionOptions = {}): Promise<TestSession> {
    if ('handle' in target) return new TestSession(target, options);
    const { model, recognizer } = await prepare(target);
    const timeZone = options.timeZone ?? target.timeZone ?? 'UTC';
    const clock = movableClock(options.today ? fixedClock(options.today, timeZone) : systemClock(timeZone));
    const bot = await createBot({ ...target, intents: model, timeZone }, {
      store: createMemoryStore(),
      recognizer: options.recognizer ?? recognizer,
      clock,
    });
    return new TestSession(bot, options, clock);
  }

  /** Moves the bot's clock on, as if the customer came back `ms` later (a `wait:` step). */
  wait(ms: number, said = `${ms} ms`): void {
    if (!this.clock) throw new Error('wait: the session was opened on a bot already made; open it on the bot definition, so that it can move the clock');
    this.clock.advance(ms);
    this.transcript.push(`(${said} later)`);
  }

  async send(content: TurnContent): Promise<TurnOutput> {
    const said = content.kind === 'text' ? content.text : content.kind === 'dtmf' ? `[dtmf ${content.digits}]` : `[event ${content.name}]`;
    this.transcript.push(`user: ${said}`);
    const output = await this.bot.handle({
      conversationId: this.conversationId,
      channel: this.options.channel ?? 'test',
      locale: this.options.locale,
      content,
    });
    for (const message of output.messages) this.transcript.push(`bot:  ${describeMessage(message)}`);
    return output;
  }
}

interface MovableClock extends Clock {
  advance(ms: number): void;
}

/** `clock`, moved on by every `advance`. */
function movableClock(clock: Clock): MovableClock {
  let offset = 0;
  return {
    timeZone: clock.timeZone,
    now: () => new Date(clock.now().getTime() + offset),
    advance: (ms) => void (offset += ms),
  };
}

function describeMessage(message: Message): string {
  const replies = message.quickReplies?.map((reply) => reply.title).join(' | ');
  return replies ? `${message.text}  [${replies}]` : message.text;
}
