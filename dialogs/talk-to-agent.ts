import { defineDialog } from 'parley-sdk';

/** Hands off to the queue of the task in progress, else of the most recent one, else General. */
export const talkToAgent = defineDialog({
  intent: 'TalkToAgent',
  fulfil: (_slots, { interruptedTask, lastTask }) => ({
    say: "Sure, I'll connect you with a person. Please hold on.",
    handoff: (interruptedTask ?? lastTask)?.queue ?? 'General',
  }),
});
