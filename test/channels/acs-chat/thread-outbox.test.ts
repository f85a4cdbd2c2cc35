// The ACS chat outbox: a burst of replies stays under the thread's rate limit by merging what waits,
// a reply too long for one message is split where a reader expects, and threads do not wait on each other.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThreadOutbox, splitContent, type OutboxMessage } from '../../../channels/acs-chat/thread-outbox.js';

describe('the ACS chat outbox', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('keeps a burst of 40 replies within 3 messages per 10 s, merging those that wait, in order', async () => {
    const sent: Array<{ at: number; threadId: string; message: OutboxMessage }> = [];
    const outbox = createThreadOutbox({ perWindow: 3, windowMs: 10_000, now: () => Date.now(), send: async (threadId, message) => void sent.push({ at: Date.now(), threadId, message }) });
    const posted = Array.from({ length: 40 }, (_, index) => outbox.post('t1', [{ content: `reply ${index}` }]));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await Promise.all(posted)).toEqual(Array(40).fill(true));
    for (const { at } of sent) expect(sent.filter((other) => other.at > at - 10_000 && other.at <= at).length).toBeLessThanOrEqual(3);
    const text = sent.map(({ message }) => message.content).join('\n\n');
    expect(text).toBe(Array.from({ length: 40 }, (_, index) => `reply ${index}`).join('\n\n'));
    expect(sent.length).toBeLessThan(40);
    expect(outbox.pending).toBe(0);
  });

  it('lets another thread send while one waits for its window', async () => {
    const sent: string[] = [];
    const outbox = createThreadOutbox({ perWindow: 1, windowMs: 10_000, send: async (threadId) => void sent.push(threadId) });
    void outbox.post('busy', [{ content: 'a' }]);
    void outbox.post('busy', [{ content: 'b' }]);
    await outbox.post('other', [{ content: 'c' }]);
    expect(sent).toEqual(['busy', 'other']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual(['busy', 'other', 'busy']);
  });

  it('says when ACS refused a message, and goes on with the next', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const outbox = createThreadOutbox({
      send: async () => {
        if (calls++ === 0) throw new Error('403');
      },
      onError: (error) => void errors.push(error),
    });
    expect(await outbox.post('t', [{ content: 'first' }])).toBe(false);
    expect(await outbox.post('t', [{ content: 'second' }])).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('keeps the quick replies of the last message merged', async () => {
    const sent: OutboxMessage[] = [];
    const outbox = createThreadOutbox({ send: async (_thread, message) => void sent.push(message) });
    await outbox.post('t', [{ content: 'Booked.' }, { content: 'Anything else?', metadata: { 'parley.quickReplies': '[]' } }]);
    expect(sent).toEqual([{ content: 'Booked.\n\nAnything else?', metadata: { 'parley.quickReplies': '[]' } }]);
  });
});

describe('splitting a long reply', () => {
  it('gives parts within the limit that join back to the text, cut between words where there are any', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(' ', '. ', '\n\n', 'é', '😀'), fc.string({ minLength: 1, maxLength: 12 })), { maxLength: 300 }), fc.integer({ min: 16, max: 200 }), (pieces, maxBytes) => {
        const text = pieces.join('');
        const parts = splitContent(text, maxBytes);
        for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(maxBytes);
        expect(parts.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });

  it('cuts after a sentence when a paragraph is too long', () => {
    const sentence = 'The technician will call before arriving. ';
    expect(splitContent(sentence.repeat(3).trim(), 90)).toEqual([sentence.repeat(2).trim(), sentence.trim()]);
  });
});
