import { ParleyError } from '../core/errors.js';

/** Tracks a store's running operations so that `close()` can wait for them and refuse new ones. */
export interface StoreLifecycle {
  /** Runs `operation`, or rejects at once when the store is closed. */
  run<T>(operation: () => Promise<T>): Promise<T>;
  /** Refuses operations from now on and waits for the running ones to settle. */
  close(): Promise<void>;
}

export function createStoreLifecycle(storeName: string): StoreLifecycle {
  const running = new Set<Promise<unknown>>();
  let closed = false;

  return {
    run(operation) {
      if (closed) {
        return Promise.reject(new ParleyError('configuration', `${storeName} is closed; create a new store to use it again`));
      }
      const result = operation();
      running.add(result);
      const forget = () => running.delete(result);
      result.then(forget, forget);
      return result;
    },

    async close() {
      closed = true;
      await Promise.allSettled([...running]);
    },
  };
}
