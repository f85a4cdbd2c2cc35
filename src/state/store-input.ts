import { ParleyError } from '../core/errors.js';
import { isSafeId } from '../core/ids.js';

/** Rejects an id that could escape a store's key space (`../x`, `a/b`, empty, too long). */
export function assertConversationId(conversationId: string): void {
  if (typeof conversationId === 'string' && isSafeId(conversationId)) return;
  const shown = typeof conversationId === 'string' ? JSON.stringify(truncate(conversationId)) : typeof conversationId;
  throw new ParleyError(
    'input-rejected',
    `conversation id ${shown} is not safe: use 1–200 letters, digits and ._:@-, not starting with a dot`,
  );
}

export function assertExpectedVersion(conversationId: string, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || (Number.isSafeInteger(expectedVersion) && expectedVersion >= 1)) return;
  throw new ParleyError(
    'input-rejected',
    `conversation ${conversationId}: expected version ${String(expectedVersion)} is not a version; pass the version read, or undefined for a new conversation`,
  );
}

/** The state as JSON text; stores keep text so callers cannot reach stored state through references. */
export function serializeState(conversationId: string, state: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(state);
  } catch (error) {
    throw new ParleyError('input-rejected', `conversation ${conversationId}: state is not JSON-serializable`, { cause: error });
  }
  if (json === undefined) {
    throw new ParleyError('input-rejected', `conversation ${conversationId}: state is not a JSON value (got ${typeof state})`);
  }
  return json;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
