import { defineBot, defineDialog, dialogFromMachine } from 'parley-sdk';
import { troubleshootInternet } from './troubleshoot-internet.js';

export default defineBot({
  name: 'Acme Internet',
  intents: new URL('./intents/', import.meta.url),
  dialogs: [
    defineDialog({
      intent: 'Greeting',
      fulfil: (_slots, { interruptedTask }) =>
        interruptedTask ? 'Hello again!' : "Hi! I'm Acme Internet's assistant. If your internet isn't working, tell me and we'll fix it together.",
    }),
    // The title lists the machine in help; the queue is where "talk to a person" goes while it runs.
    dialogFromMachine(troubleshootInternet, { title: 'fix your internet connection', queue: 'TechSupport' }),
    defineDialog({
      intent: 'TalkToAgent',
      fulfil: (_slots, { interruptedTask, lastTask }) => ({
        say: "Sure, I'll connect you with a person. Please hold on.",
        handoff: (interruptedTask ?? lastTask)?.queue ?? 'General',
      }),
    }),
  ],
});
