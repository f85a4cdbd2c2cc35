/** Peak memory of this process while an evaluation runs. */

export interface MemorySampler {
  /** Takes a reading now (training is synchronous, so timers cannot fire during it). */
  sample(): void;
  /** Stops sampling; the peak resident set size in bytes. */
  stop(): number;
}

const everyMs = 50;

/**
 * Samples `process.memoryUsage().rss` on a timer and on demand; the peak is the highest reading or
 * the operating system's own high-water mark (`resourceUsage().maxRSS`), whichever is higher. The
 * latter covers the whole process, start-up and data loading included.
 *
 * @example
 * const memory = startMemorySampler()
 * train(); memory.sample()
 * const peakBytes = memory.stop()
 */
export function startMemorySampler(): MemorySampler {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      // maxRSS is in kibibytes.
      return Math.max(peak, process.resourceUsage().maxRSS * 1024);
    },
  };
}
