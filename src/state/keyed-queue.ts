/** Runs tasks one at a time per key, in call order; tasks on different keys run freely. */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedQueue(): KeyedQueue {
  // The promise each key's next task waits for; removed once the key's last task settles.
  const tails = new Map<string, Promise<void>>();

  return {
    async run(key, task) {
      const previous = tails.get(key);
      let release!: () => void;
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous ? previous.then(() => done) : done;
      tails.set(key, tail);
      try {
        if (previous) await previous;
        return await task();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
