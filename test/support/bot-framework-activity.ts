// Bot Framework activities as a channel sends them, for the tests of every route that takes them.

let sequence = 0;

/** A customer message as the Emulator sends it. */
export function messageActivity(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    type: 'message',
    id: `act-${sequence}`,
    text,
    textFormat: 'plain',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'user-1', name: 'User', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    conversation: { id: 'conv-1' },
    locale: 'en-US',
    timestamp: '2030-03-04T14:00:00.000Z',
    ...overrides,
  };
}
