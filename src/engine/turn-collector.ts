/** What one turn produces, gathered as dialogs emit it. */
import type { AnyEventObject } from 'xstate';
import { DialogFailedError } from '../core/errors.js';
import type { Directive, Message } from '../core/turn.js';
import { handoffIntentName } from '../content/builtin-intents.js';
import type { ConversationState } from './conversation-state.js';

export class TurnCollector {
  readonly messages: Message[] = [];
  readonly directives: Directive[] = [];
  /** Failures of dialog code this turn; the customer got an apology for each. */
  readonly problems: DialogFailedError[] = [];

  constructor(private readonly state: ConversationState) {}

  say(text: string, quickReplies?: Message['quickReplies']): void {
    this.messages.push(quickReplies?.length ? { text, quickReplies } : { text });
  }

  direct(directive: Directive): void {
    this.directives.push(directive);
    if (directive.kind === 'handoff') this.state.handoff = { queue: directive.queue };
    if (directive.kind === 'end') this.state.ended = true;
  }

  /**
   * Takes what a dialog emitted; unknown events are a dialog's own business and are ignored. A
   * handoff the handoff intent's dialog makes is one the customer asked for.
   */
  absorb(emitted: readonly AnyEventObject[], dialog?: string): void {
    for (const event of emitted) {
      if (event.type === 'parley.say' && event.message) this.messages.push(event.message as Message);
      else if (event.type === 'parley.directive' && event.directive) this.direct(dialog === handoffIntentName ? asRequested(event.directive as Directive) : (event.directive as Directive));
      else if (event.type === 'parley.batch' && Array.isArray(event.events)) this.absorb(event.events as AnyEventObject[], dialog);
      else if (event.type === 'parley.problem' && event.problem instanceof DialogFailedError) this.problems.push(event.problem);
    }
  }

  /** True once the conversation is leaving the bot (a person takes over, or it ended). */
  get leaving(): boolean {
    return this.directives.some((directive) => directive.kind === 'handoff' || directive.kind === 'end');
  }
}

function asRequested(directive: Directive): Directive {
  return directive.kind === 'handoff' && directive.reason === 'dialog' ? { ...directive, reason: 'requested' } : directive;
}
