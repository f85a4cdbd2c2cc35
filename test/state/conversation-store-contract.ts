import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyError, StateConflictError } from '../../src/core/errors.js';
import type { ConversationStore } from '../../src/state/index.js';

export interface StoreUnderTest {
  store: ConversationStore;
  /** How many things the store holds now (entries, files), to show that a rejected call wrote nothing. */
  countPersisted(): Promise<number>;
  cleanup(): Promise<void>;
}

export const unsafeIds = ['../x', '../../etc/passwd', 'a/b', 'a\\b', '/abs', '', '.', '..', '.hidden', 'x'.repeat(500), 'a\0b', 'a b', 'a~b', 'a+b'];

/** The behaviour every ConversationStore must have, run against one implementation. */
export function describeConversationStoreContract(name: string, setUp: () => Promise<StoreUnderTest>): void {
  describe(`${name}: ConversationStore contract`, () => {
    let subject: StoreUnderTest;
    let store: ConversationStore;

    beforeEach(async () => {
      subject = await setUp();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('reads a conversation never written as undefined', async () => {
      expect(await store.read('never-written')).toBeUndefined();
    });

    it('reads back what was written, as version 1', async () => {
      const state = { step: 'ask-date', slots: { service: 'repair', note: 'café ☕ "quoted"\n' }, tries: [1, 2.5, null, true] };
      expect(await store.write('c-1', state, undefined)).toBe(1);
      expect(await store.read('c-1')).toEqual({ state, version: 1 });
    });

    it('holds any JSON value as state', async () => {
      for (const [index, state] of [0, 'text', null, [], false].entries()) {
        await store.write(`c-${index}`, state, undefined);
        expect((await store.read(`c-${index}`))?.state).toEqual(state);
      }
    });

    it('increments the version by one on each write', async () => {
      expect(await store.write('c-1', { n: 1 }, undefined)).toBe(1);
      expect(await store.write('c-1', { n: 2 }, 1)).toBe(2);
      expect(await store.write('c-1', { n: 3 }, 2)).toBe(3);
      expect(await store.read('c-1')).toEqual({ state: { n: 3 }, version: 3 });
    });

    it('rejects a write with a stale expected version and keeps the newer state', async () => {
      await store.write('c-1', { n: 1 }, undefined);
      await store.write('c-1', { n: 2 }, 1);
      const error = await store.write('c-1', { n: 'stale' }, 1).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StateConflictError);
      expect((error as StateConflictError).conversationId).toBe('c-1');
      expect(await store.read('c-1')).toEqual({ state: { n: 2 }, version: 2 });
    });

    it('rejects creating a conversation that exists', async () => {
      await store.write('c-1', { n: 1 }, undefined);
      await expect(store.write('c-1', { n: 'again' }, undefined)).rejects.toBeInstanceOf(StateConflictError);
      expect(await store.read('c-1')).toEqual({ state: { n: 1 }, version: 1 });
    });

    it('rejects updating a conversation that does not exist', async () => {
      await expect(store.write('c-1', { n: 1 }, 1)).rejects.toBeInstanceOf(StateConflictError);
      expect(await store.read('c-1')).toBeUndefined();
    });

    it('lets exactly one of 50 concurrent creators win', async () => {
      await expectOneWinner(store, 'c-race', undefined);
    });

    it('lets exactly one of 50 concurrent writers with the same expected version win', async () => {
      await store.write('c-race', { writer: 'first' }, undefined);
      await store.write('c-race', { writer: 'second' }, 1);
      await expectOneWinner(store, 'c-race', 2);
    });

    it('keeps conversations apart', async () => {
      await store.write('c-a', { who: 'a' }, undefined);
      await store.write('c-b', { who: 'b' }, undefined);
      await store.write('c-b', { who: 'b2' }, 1);
      expect(await store.read('c-a')).toEqual({ state: { who: 'a' }, version: 1 });
      expect(await store.read('c-b')).toEqual({ state: { who: 'b2' }, version: 2 });
    });

    it('deletes a conversation, which can then start again at version 1', async () => {
      await store.write('c-1', { n: 1 }, undefined);
      await store.write('c-1', { n: 2 }, 1);
      await store.delete('c-1');
      expect(await store.read('c-1')).toBeUndefined();
      expect(await store.write('c-1', { n: 'fresh' }, undefined)).toBe(1);
    });

    it('deletes a conversation that does not exist without complaint', async () => {
      await expect(store.delete('never-written')).resolves.toBeUndefined();
    });

    it('accepts every kind of safe id', async () => {
      const ids = ['a', 'A9', 'user@example.com', 'urn:conv:42', 'x.y-z', 'x'.repeat(200)];
      for (const id of ids) await store.write(id, { id }, undefined);
      for (const id of ids) expect((await store.read(id))?.state).toEqual({ id });
    });

    it('rejects unsafe ids on every operation and writes nothing', async () => {
      for (const id of unsafeIds) {
        await expectInputRejected(store.write(id, { evil: true }, undefined), id);
        await expectInputRejected(store.read(id), id);
        await expectInputRejected(store.delete(id), id);
      }
      expect(await subject.countPersisted()).toBe(0);
    });

    it('rejects an expected version that no write could have returned', async () => {
      await store.write('c-1', { n: 1 }, undefined);
      for (const expected of [0, -1, 1.5, Number.NaN]) {
        const error = await store.write('c-1', { n: 2 }, expected).catch((caught: unknown) => caught);
        expect(ParleyError.isInstance(error) && error.code).toBe('input-rejected');
      }
      expect(await store.read('c-1')).toEqual({ state: { n: 1 }, version: 1 });
    });

    it('rejects state that is not JSON and writes nothing', async () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      for (const state of [undefined, () => 1, circular, 10n, Symbol('s')]) {
        const error = await store.write('c-1', state, undefined).catch((caught: unknown) => caught);
        expect(ParleyError.isInstance(error) && error.code).toBe('input-rejected');
      }
      expect(await store.read('c-1')).toBeUndefined();
      expect(await subject.countPersisted()).toBe(0);
    });

    it('is not changed by mutating the written or the read object', async () => {
      const state = { slots: { date: '2030-03-08' }, history: ['hi'] };
      await store.write('c-1', state, undefined);
      state.slots.date = 'mutated';
      state.history.push('mutated');
      const first = await store.read('c-1');
      expect(first?.state).toEqual({ slots: { date: '2030-03-08' }, history: ['hi'] });
      (first?.state as { history: string[] }).history.push('mutated after read');
      expect((await store.read('c-1'))?.state).toEqual({ slots: { date: '2030-03-08' }, history: ['hi'] });
    });
  });
}

async function expectOneWinner(store: ConversationStore, id: string, expectedVersion: number | undefined): Promise<void> {
  const writers = Array.from({ length: 50 }, (_, writer) => store.write(id, { writer }, expectedVersion));
  const results = await Promise.allSettled(writers);
  const winners = results.flatMap((result, writer) => (result.status === 'fulfilled' ? [{ writer, version: result.value }] : []));
  const losers = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(49);
  for (const reason of losers) expect(reason).toBeInstanceOf(StateConflictError);
  const winner = winners[0]!;
  expect(winner.version).toBe((expectedVersion ?? 0) + 1);
  expect(await store.read(id)).toEqual({ state: { writer: winner.writer }, version: winner.version });
}

async function expectInputRejected(operation: Promise<unknown>, id: string): Promise<void> {
  const error = await operation.then(
    () => new Error(`id ${JSON.stringify(id.slice(0, 20))} was accepted`),
    (caught: unknown) => caught,
  );
  expect(ParleyError.isInstance(error) ? error.code : error).toBe('input-rejected');
}
