/**
 * SSML for what the bot says: its text escaped, so that nothing a customer typed or said (a slot value
 * read back) can become markup in a voice channel.
 */

/**
 * Escapes text for an SSML document (both Polly's and Azure's dialects take XML's five entities).
 *
 * @example
 * escapeSsml('Tom & Jerry <3') // 'Tom &amp; Jerry &lt;3'
 */
export function escapeSsml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character as keyof typeof entities]);
}

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' } as const;

/**
 * A `<speak>` document saying the texts in turn.
 *
 * @example
 * speak(['Your order is on its way.']) // '<speak>Your order is on its way.</speak>'
 */
export function speak(texts: readonly string[]): string {
  return `<speak>${texts.map(escapeSsml).join(' ')}</speak>`;
}
