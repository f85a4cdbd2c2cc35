/**
 * How Parley talks to an Azure Communication Services resource: its connection string (the endpoint
 * and access key, for Identity and SMS, which sign each call with HMAC) and chat clients acting as an
 * ACS user (chat is called as a user, with a token Identity issues and Parley renews when a call
 * finds it about to expire). The SDKs load on first use, so a bot that never uses ACS never loads them.
 */
import type { ChatClient } from '@azure/communication-chat';
import { ParleyError } from '../../core/errors.js';

export interface AcsConnectionOptions {
  /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>` (the resource's Keys page). */
  connectionString: string;
  /**
   * TLS settings for an endpoint with a private certificate (`parley emulate acs`'s: `{ ca }`).
   * Default: the system's trusted certificates.
   */
  tlsOptions?: { ca?: string };
}

export interface AcsConnection {
  /** `https://<resource>.communication.azure.com/`. */
  readonly endpoint: string;
  /** A chat client acting as this ACS user (`8:acs:…`), made once per user and kept. */
  chatAs(userId: string): Promise<ChatClient>;
}

/**
 * @example
 * const acs = acsConnection({ connectionString: process.env.PARLEY_ACS_CONNECTION_STRING! });
 * const chat = await acs.chatAs(botUserId);
 */
export function acsConnection(options: AcsConnectionOptions): AcsConnection {
  const { endpoint } = parseConnectionString(options.connectionString);
  const clientOptions = options.tlsOptions ? { tlsOptions: options.tlsOptions } : {};
  let identity: Promise<import('@azure/communication-identity').CommunicationIdentityClient> | undefined;
  const clients = new Map<string, Promise<ChatClient>>();

  async function makeChatClient(userId: string): Promise<ChatClient> {
    const [{ CommunicationIdentityClient }, { ChatClient }, { AzureCommunicationTokenCredential }] = await Promise.all([
      import('@azure/communication-identity'),
      import('@azure/communication-chat'),
      import('@azure/communication-common'),
    ]);
    identity ??= Promise.resolve(new CommunicationIdentityClient(options.connectionString, clientOptions));
    const issuer = await identity;
    const issue = async () => (await issuer.getToken({ communicationUserId: userId }, ['chat'])).token;
    // Refreshed when a call finds the token near its expiry, not by a timer: a timer would keep a
    // process that is done alive for a day, and nothing here would know to stop it.
    const credential = new AzureCommunicationTokenCredential({ tokenRefresher: issue, token: await issue(), refreshProactively: false });
    return new ChatClient(endpoint, credential, clientOptions);
  }

  return {
    endpoint,
    chatAs(userId) {
      let client = clients.get(userId);
      if (!client) {
        client = makeChatClient(userId);
        // A failed start (the resource unreachable) is tried again next time.
        client.catch(() => clients.delete(userId));
        clients.set(userId, client);
      }
      return client;
    },
  };
}

/** The endpoint and key of a connection string, or a configuration error that shows its form. */
export function parseConnectionString(connectionString: string): { endpoint: string; accessKey: string } {
  const parts = new Map(
    connectionString
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).toLowerCase(), part.slice(at + 1)] as const;
      }),
  );
  const endpoint = parts.get('endpoint');
  const accessKey = parts.get('accesskey');
  if (!endpoint || !/^https?:\/\//.test(endpoint) || !accessKey) {
    throw new ParleyError('configuration', 'an ACS connection string is endpoint=https://<resource>.communication.azure.com/;accesskey=<key> (the resource\'s Keys page)');
  }
  return { endpoint, accessKey };
}
