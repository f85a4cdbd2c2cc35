/**
 * zod's parse options for a value checked once per process: a config, a bot or dialog definition, a
 * model artefact's envelope. The first time an object schema parses, zod writes and compiles a fast
 * parser for it (`new Function`), which pays back over many parses (a request body, an intent file)
 * and is pure cost for one: together some 10–15 ms of a cold start.
 *
 * @example
 * const result = runtimeConfigSchema.safeParse(raw, parseOnce);
 */
export const parseOnce = { jitless: true } as const;
