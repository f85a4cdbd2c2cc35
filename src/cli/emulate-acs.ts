/**
 * `parley emulate acs`: a local Azure Communication Services resource (identity, chat, SMS, and its
 * Event Grid) for trying the ACS chat and SMS channels offline. It speaks https with a certificate
 * made at start, written to the machine's temporary folder for `NODE_EXTRA_CA_CERTS` (and removed
 * when it stops).
 * `--webhook <url>` subscribes a webhook to the resource's events (Event Grid schema); while the
 * webhook does not answer the validation handshake, the emulator tries again every few seconds.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorFaults } from '../testing/emulators/faults.js';
import { startAcsEmulator } from '../testing/emulators/acs/acs-emulator.js';

/** How long the emulator waits before trying a webhook that did not validate again. */
const resubscribeMs = 5_000;

/**
 * Starts the emulator, prints how to use it, and subscribes the webhook when one is given.
 *
 * @example
 * const acs = await startEmulatedAcs({ port: 4014, host: '127.0.0.1', faults: {}, webhook: 'http://127.0.0.1:3000/api/acs/events' });
 */
export async function startEmulatedAcs(options: { port: number; host: string; faults: EmulatorFaults; webhook?: string | undefined }): Promise<{ url: string; close(): Promise<void> }> {
  const acs = await startAcsEmulator({ port: options.port, host: options.host, faults: options.faults });
  const caFile = join(tmpdir(), `parley-acs-emulator-${new URL(acs.url).port}.pem`);
  await writeFile(caFile, acs.ca);
  // An identity for the bot, and one for a person to take over, so `parley serve` can be pointed at it at once.
  const bot = acs.createUser({ displayName: 'Bot' });
  const agent = acs.createUser({ displayName: 'Agent' });
  console.log(acsInstructions(acs.url, acs.connectionString, acs.phoneNumbers, caFile, options.webhook));
  console.log(['', 'Identities made for you (PARLEY_ACS_BOT_USER_ID, and an agent for handoff.agents):', `  bot:   ${bot.id}`, `  agent: ${agent.id}`].join('\n'));

  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  const subscribe = (endpoint: string) => {
    acs.subscribe({ endpoint }).then(
      () => console.log(`Event Grid: ${endpoint} validated the subscription; events go there now.`),
      (error: Error) => {
        if (closed) return;
        console.log(`${error.message}; trying again in ${resubscribeMs / 1000} s.`);
        retry = setTimeout(() => subscribe(endpoint), resubscribeMs);
      },
    );
  };
  if (options.webhook !== undefined) subscribe(options.webhook);
  return {
    url: acs.url,
    async close() {
      closed = true;
      clearTimeout(retry);
      await acs.close();
      await rm(caFile, { force: true });
    },
  };
}

function acsInstructions(url: string, connectionString: string, phoneNumbers: readonly string[], caFile: string, webhook: string | undefined): string {
  return [
    `Azure Communication Services emulator: ${url}`,
    `  identity, chat, SMS and Job Router on this one address; SMS are sent from ${phoneNumbers.join(', ')}`,
    '',
    'Its connection string (CommunicationIdentityClient, SmsClient; ChatClient takes the endpoint and a user token):',
    '',
    `  ${connectionString}`,
    '',
    `It speaks https with a certificate of its own, written to ${caFile}. Trust it per client`,
    '({ tlsOptions: { ca } }) or for a whole Node process started after this:',
    '',
    `  export NODE_EXTRA_CA_CERTS=${caFile}`,
    '',
    webhook === undefined
      ? 'Chat and SMS events (Event Grid) go nowhere yet: start again with --webhook <url> to deliver them to a webhook.'
      : `Chat and SMS events (Event Grid schema) are delivered to ${webhook} once it answers the validation handshake.`,
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}
