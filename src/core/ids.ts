import { randomUUID } from 'node:crypto';

/** A new conversation id: URL-safe, unguessable. */
export function createConversationId(): string {
  return randomUUID();
}

const safeId = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;

/**
 * True when an id can be used as a store key and a file name: letters, digits and `._:@-`,
 * 1–200 characters, not starting with a dot (so `..` and hidden files are impossible).
 */
export function isSafeId(id: string): boolean {
  return safeId.test(id);
}
