/** The `wait:` step's duration: `90s`, `45m`, `45 minutes`, `2h`, `1.5 hours`, `1d`. */

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const duration = /^(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)$/i;

/** Milliseconds, or undefined for text that is not a duration. */
export function parseWaitDuration(text: string): number | undefined {
  const match = duration.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * units[match[2]![0]!.toLowerCase()]!;
}
