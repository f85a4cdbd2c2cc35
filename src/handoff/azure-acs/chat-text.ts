/**
 * What ACS chat gives back, read the same way wherever Parley reads it (the chat channel, the handoff
 * provider): a communication identifier's raw id, whichever kind the SDK returned, and the text of a
 * message written as HTML (the ACS UI library's rich text).
 */

/** A communication identifier's raw id (`8:acs:…`), whichever kind the SDK returned. */
export function idOf(identifier: unknown): string | undefined {
  const value = identifier as { communicationUserId?: string; rawId?: string } | undefined;
  return value?.communicationUserId ?? value?.rawId;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The text of a chat message written as HTML: tags out, breaks kept, the common entities decoded. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => entities[name]!)
    .trim();
}
