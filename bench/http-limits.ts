/** The web API's rate limits for `npm run bench:http`, lifted: the load comes from one address. */
export const unlimited = { conversationsPerMinute: 1_000_000, messagesPerMinute: 1_000_000, messagesPerMinutePerAddress: 1_000_000 };
