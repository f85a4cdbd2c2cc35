// Runs a Lambda bundle as the Lambda runtime would: imports it (its init phase), then hands its
// `handler` one event per line of standard input, writing each result as a line to file descriptor 3
// (standard output is the function's log). Usage: node lambda-driver.mjs <bundle folder>
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const results = createWriteStream('', { fd: 3 });
let handler;
try {
  ({ handler } = await import(pathToFileURL(join(process.argv[2], 'index.mjs')).href));
} catch (error) {
  // As the Lambda runtime reports a failed init: the error's name and message (not Node's dump of the minified line).
  console.error(`${error?.name}: ${error?.message}`);
  process.exit(1);
}
results.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  results.write(`${JSON.stringify(await handler(JSON.parse(line), { awsRequestId: 'driver' }))}\n`);
}
