// bench:coldstart's baseline, run on plain node: a minimal HTTP server (node:http, no framework) that
// answers any request. Prints `listening <port>`; the bench measures spawn → first response.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((_request, response) => response.end('ok'));
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
