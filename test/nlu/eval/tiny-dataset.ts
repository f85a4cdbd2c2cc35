// A tiny dataset in the format of docs/nlu-eval.md ("The dataset format"): three intents, one slot, and
// out-of-scope examples, small enough to train in a few milliseconds.

type Example = { text: string; intent: string; slots?: { name: string; value: string; start: number; end: number }[] };

/** An example whose `{name=value}` markers become slot spans. */
export function example(intent: string, marked: string): Example {
  const slots: NonNullable<Example['slots']> = [];
  let text = '';
  for (const piece of marked.split(/(\{[^}]+\})/)) {
    const slot = /^\{([^=]+)=(.+)\}$/.exec(piece);
    if (!slot) {
      text += piece;
      continue;
    }
    slots.push({ name: slot[1]!, value: slot[2]!, start: text.length, end: text.length + slot[2]!.length });
    text += slot[2]!;
  }
  return slots.length > 0 ? { text, intent, slots } : { text, intent };
}

const oos = (text: string): Example => ({ text, intent: 'oos' });

export const tinyDataset = {
  name: 'tiny',
  intents: ['check_balance', 'transfer money', 'play_music'],
  train: [
    example('check_balance', 'what is my {account=checking} balance'),
    example('check_balance', 'how much money is in my {account=savings} account'),
    example('check_balance', 'show my balance'),
    example('check_balance', 'tell me the balance of my {account=checking} account'),
    example('check_balance', 'how much do i have in {account=savings}'),
    example('check_balance', 'balance please'),
    example('transfer money', 'move money from {account=checking} to {account=savings}'),
    example('transfer money', 'transfer fifty dollars to {account=savings}'),
    example('transfer money', 'send money to my {account=checking} account'),
    example('transfer money', 'i want to transfer money'),
    example('transfer money', 'wire cash between my accounts'),
    example('transfer money', 'transfer funds to {account=savings}'),
    example('play_music', 'play some jazz'),
    example('play_music', 'put on a song'),
    example('play_music', 'play music by the beatles'),
    example('play_music', 'i want to hear some music'),
    example('play_music', 'start my playlist'),
    example('play_music', 'play a rock song'),
  ],
  test: [
    example('check_balance', 'what is the balance in {account=savings}'),
    example('check_balance', 'how much is in my {account=checking} account'),
    example('transfer money', 'transfer money to {account=checking}'),
    example('transfer money', 'move cash to my {account=savings} account'),
    example('play_music', 'play a jazz song'),
    example('play_music', 'put some music on'),
  ],
  val: [
    example('check_balance', 'what is my balance'),
    example('transfer money', 'send money to {account=savings}'),
    example('play_music', 'play me a song'),
  ],
  oos_val: [oos('what is the weather like'), oos('book a table for two')],
  oos_test: [oos('who won the football game'), oos('how tall is mount everest')],
};
