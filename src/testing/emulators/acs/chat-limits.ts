/**
 * The chat service's documented limits ("Service limits for Azure Communication Services", Chat):
 * a message of up to 28 KB; 250 participants in a thread, 200 added at once; pages of at most 200
 * messages; and per thread at most 10 messages sent in 10 seconds and 30 in a minute, beyond which
 * the service answers 429 with a `Retry-After` (seconds).
 */
import { acsErrors } from './acs-wire.js';

/** A sliding window: at most `limit` sends in any `windowMs`. */
export interface SendRateLimit {
  limit: number;
  windowMs: number;
}

export interface AcsChatLimits {
  /** Largest message content, UTF-8 bytes (default 28 KB: 28,672). */
  messageBytes: number;
  /** Most participants in a thread (default 250). */
  participantsPerThread: number;
  /** Most participants in one CreateChatThread or AddChatParticipants (default 200). */
  participantsPerRequest: number;
  /** Largest page of ListChatMessages, and the page size when none is asked for (default 200). */
  messagesPageSize: number;
  /** Send-message limits per thread (default 10 per 10 s and 30 per minute). */
  sendRate: readonly SendRateLimit[];
}

export const defaultChatLimits: AcsChatLimits = {
  messageBytes: 28 * 1024,
  participantsPerThread: 250,
  participantsPerRequest: 200,
  messagesPageSize: 200,
  sendRate: [
    { limit: 10, windowMs: 10_000 },
    { limit: 30, windowMs: 60_000 },
  ],
};

/**
 * Counts a send in a thread's history, or throws the 429 when a window is full; the Retry-After is
 * when the oldest send in the fullest window leaves it, rounded up to a second.
 *
 * @example
 * takeSendSlot(thread.sendTimes, limits.sendRate, now);
 */
export function takeSendSlot(sendTimes: number[], limits: readonly SendRateLimit[], now: number): void {
  const longest = Math.max(0, ...limits.map((limit) => limit.windowMs));
  while (sendTimes.length > 0 && (sendTimes[0] ?? 0) <= now - longest) sendTimes.shift();
  let waitMs = 0;
  for (const { limit, windowMs } of limits) {
    const inWindow = sendTimes.filter((time) => time > now - windowMs);
    if (inWindow.length < limit) continue;
    const freedAt = (inWindow[inWindow.length - limit] ?? now) + windowMs;
    waitMs = Math.max(waitMs, freedAt - now);
  }
  if (waitMs > 0) throw acsErrors.tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
  sendTimes.push(now);
}
