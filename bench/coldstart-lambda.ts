// bench:coldstart's Lambda row, run on plain node: imports the bundle (the function's init phase),
// then invokes its handler with function URL events for a first turn, as a browser's first message
// arrives: start a web conversation, send a message. Prints `answered <status>: <reply>`.
// Usage: node coldstart-lambda.js <bundle folder>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaHttpHandler } from '../src/runtime/lambda/index.js';
import { functionUrlEvent } from '../test/support/lambda-events.js';

const { handler } = (await import(pathToFileURL(join(process.argv[2]!, 'index.mjs')).href)) as { handler: LambdaHttpHandler };
const started = await handler(functionUrlEvent({ method: 'POST', path: '/api/conversations', body: '{}' }));
const { conversationId, token } = JSON.parse(started.body) as { conversationId: string; token: string };
const answered = await handler(
  functionUrlEvent({ method: 'POST', path: `/api/conversations/${conversationId}/messages`, headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ text: 'I need a repair tomorrow at 3pm' }) }),
);
const reply = (JSON.parse(answered.body) as { messages?: Array<{ text: string }> }).messages?.[0]?.text;
console.log(`answered ${answered.statusCode}: ${reply}`);
