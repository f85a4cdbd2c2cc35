/**
 * Following something that can only be read, not listened to (an ACS chat thread, a Job Router
 * job): read it now, which proves it can be followed, then again every `pollMs` or as soon as it is
 * woken, until a read says it is over or the signal aborts. Reads that fail are tried again; five
 * failures in a row, or one that says it is gone for good (403, 404), end it with `onError`.
 */

export interface PollingOptions {
  /** One read; false when following is over. */
  poll(): Promise<boolean>;
  pollMs: number;
  signal: AbortSignal;
  /** Registers what wakes the loop early (an Event Grid event for the thread); returns how to unregister it. */
  wakeOn(wake: () => void): () => void;
  /** Told when following failed for good. */
  onError(error: Error): void;
}

/** Reads that may fail in a row before following gives up. */
const maxFailedReads = 5;

/**
 * Resolves once the first read is done (rejecting when it fails); the rest goes on in the background.
 *
 * @example
 * await followByPolling({ poll: () => readThread(), pollMs: 1000, signal, wakeOn: (wake) => listen(threadId, wake), onError });
 */
export async function followByPolling({ poll, pollMs, signal, wakeOn, onError }: PollingOptions): Promise<void> {
  let wake: () => void = () => undefined;
  const unregister = wakeOn(() => wake());
  try {
    if (!(await poll())) return unregister();
  } catch (error) {
    unregister();
    throw error;
  }
  void (async () => {
    let failures = 0;
    while (!signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, pollMs);
        wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
      if (signal.aborted) break;
      try {
        if (!(await poll())) break;
        failures = 0;
      } catch (error) {
        if (++failures >= maxFailedReads || isGone(error)) {
          if (!signal.aborted) onError(error instanceof Error ? error : new Error(String(error)));
          break;
        }
      }
    }
    unregister();
  })();
}

/** The thread is gone or the bot is no longer in it: following cannot work again. */
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return status === 403 || status === 404;
}
