/**
 * Every emulator starts the same way: listen on the asked port and host (default a free port on
 * 127.0.0.1), fail with the listen error (a port in use), and be reached at `http://host:port`, or
 * `https://host:port` for a TLS server (the ACS emulator: its chat client sends bearer tokens only
 * over https).
 */
import type { Server as HttpServer } from 'node:http';
import type { Http2Server } from 'node:http2';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server as TlsServer } from 'node:tls';

/**
 * Listens, and resolves with the URL clients use.
 *
 * @example
 * const url = await listenLocally(server, options); // 'http://127.0.0.1:40123' ('https://…' for an https server)
 */
export async function listenLocally(server: HttpServer | Http2Server | HttpsServer, options: { port?: number | undefined; host?: string | undefined }): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${server instanceof TlsServer ? 'https' : 'http'}://${host}:${address.port}`;
}
