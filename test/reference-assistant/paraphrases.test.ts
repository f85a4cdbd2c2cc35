// Customer wordings the intent files do not contain: the assistant must understand most of them.
import { describe, expect, it } from 'vitest';
import { createLocalRecognizer, loadIntents } from 'parley-sdk';

const unseen: Record<string, string[]> = {
  Greeting: ['hey hey', 'hello hello', 'good day to you', 'hi folks', 'heya', 'evening'],
  Goodbye: ['ok bye now', 'thanks for your help, goodbye', "that's it for today", 'later!', 'I have to go, bye', 'ciao'],
  CheckOrderStatus: [
    "what's going on with my delivery", 'has my router been shipped', 'any update on my package', 'I placed an order last week, where is it',
    'can you find out where my order is', 'order tracking', 'I never got my modem', 'when does my shipment arrive',
  ],
  BookAppointment: [
    'I need a technician', 'can you schedule an installation', 'I want someone to come fix my router', 'book me a repair visit',
    'need a tech to come out next week', 'set up a service appointment', 'I would like an upgrade visit on monday', 'can a technician come by tomorrow',
  ],
  ReportOutage: [
    'is the internet down', 'no internet at my house', "my service isn't working at all", 'are there any outages right now',
    'the whole neighborhood has no internet', 'internet outage', 'my connection is dead', 'is your service down',
  ],
  ResetPassword: [
    "I can't remember my password", 'reset password', 'my account is locked', 'I need to change my password please',
    'lost my password', 'how do I get back into my account', 'password help', 'it says my password is wrong',
  ],
  BillingQuestion: [
    'my invoice looks wrong', 'why was I charged extra', 'question about a payment', 'I want to pay my bill',
    'there is an unexpected charge', 'I need help with billing', 'can you explain this charge', 'refund please',
  ],
  TalkToAgent: [
    'connect me to a human', 'I want a real person', 'let me speak with an agent', 'customer service representative please',
    'can I talk to somebody', 'transfer me please', 'I need to talk to a live person', 'get me an operator',
  ],
  Help: ['what are my options', 'I need help', 'what can I ask you', 'how does this work'],
  Cancel: ['stop that', 'never mind', 'cancel please', 'forget about it'],
  StartOver: ['start again', 'restart', 'can we begin again', 'reset the conversation'],
  Repeat: ['say again?', 'what was that', 'repeat please', 'I missed that, can you repeat'],
};

describe('the reference assistant understands unseen paraphrases', async () => {
  const recognizer = createLocalRecognizer({ model: await loadIntents(new URL('../../intents/', import.meta.url)) });
  const cases = Object.entries(unseen).flatMap(([intent, texts]) => texts.map((text) => ({ intent, text })));

  it('gets at least 90% of them right, and says which it missed', async () => {
    const missed: string[] = [];
    for (const { intent, text } of cases) {
      const recognition = await recognizer.recognize({ text, locale: 'en-US', now: new Date('2030-03-04T14:00:00Z'), timeZone: 'UTC' });
      if (recognition.topIntent !== intent) missed.push(`"${text}": expected ${intent}, got ${recognition.topIntent} (${recognition.intents.slice(0, 2).map((i) => `${i.name} ${i.confidence.toFixed(2)}`).join(', ')})`);
    }
    const accuracy = 1 - missed.length / cases.length;
    expect(accuracy, `accuracy ${(accuracy * 100).toFixed(1)}% on ${cases.length}; missed:\n${missed.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});
