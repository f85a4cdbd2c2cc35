/**
 * Which events this process has taken, so a redelivery (the same event id) is acknowledged without
 * being taken again, and a redelivery that arrives while the first is still being taken waits for it.
 * Bounded: the oldest ids are forgotten first. Across processes and restarts, the turn's idempotency
 * key (the event id) is what keeps a turn from running twice.
 */
export interface EventLedger {
  /** Runs `take` for an id not taken yet; a failed one may be taken again. */
  once(id: string, take: () => Promise<void>): Promise<void>;
}

export function createEventLedger(max: number): EventLedger {
  const taken = new Set<string>();
  const taking = new Map<string, Promise<void>>();
  return {
    async once(id, take) {
      if (taken.has(id)) return;
      const under = taking.get(id);
      if (under) return under;
      const work = take().then(() => {
        taken.add(id);
        // A Set keeps insertion order: the first is the oldest.
        if (taken.size > max) taken.delete(taken.values().next().value!);
      });
      taking.set(id, work);
      try {
        await work;
      } finally {
        taking.delete(id);
      }
    },
  };
}
