/**
 * The agent's console of `parley emulate connect`: what reaches the agent is printed (a chat waiting,
 * with its attributes; the customer's messages; the customer leaving), and lines typed on stdin act
 * as the agent in the Connect agent workspace would.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ConnectEmulator } from '../testing/emulators/connect/connect-emulator.js';
import { chatEventType, type ChatItem } from '../testing/emulators/connect/chat-items.js';
import type { ConnectEmulatorContact } from '../testing/emulators/connect/agent-side.js';

export const agentConsoleHelp = [
  '  accept [name]   take the oldest waiting chat, as agent "name" (default Agent)',
  '  say <text>      write to the customer of the chat you took last',
  '  end             end that chat (the customer sees the agent leave)',
  '  list            every chat and its state',
].join('\n');

export interface AgentConsoleOptions {
  input?: Readable;
  print?: (line: string) => void;
}

/**
 * @example
 * const agent = startAgentConsole(emulator); // then type "accept Sam", "say Hello", "end"
 * agent.close();
 */
export function startAgentConsole(emulator: ConnectEmulator, { input = process.stdin, print = console.log }: AgentConsoleOptions = {}): { close(): void } {
  let current: string | undefined;
  const stopListening = emulator.onItem((item, contact) => {
    const line = describeItem(item, contact);
    if (line !== undefined) print(`chat ${shortId(contact.contactId)} | ${line}`);
  });
  const lines = createInterface({ input, terminal: false });
  lines.on('line', (line) => {
    const [command = '', ...rest] = line.trim().split(/\s+/);
    const text = line.trim().slice(command.length).trim();
    try {
      if (command === '') return;
      if (command === 'accept') {
        const waiting = emulator.waitingContacts()[0];
        if (!waiting) return print('no chat is waiting');
        current = emulator.acceptContact(waiting.contactId, { agentName: rest.join(' ') || 'Agent' }).contactId;
        return print(`chat ${shortId(current)} | you joined; "say <text>" writes to ${waiting.customer.displayName}`);
      }
      if (command === 'say' || command === 'end') {
        if (current === undefined) return print('no chat taken yet: "accept" takes the oldest waiting one');
        if (command === 'end') return emulator.endContact(current);
        if (text === '') return print('say what? "say <text>"');
        emulator.sendAgentMessage(current, text);
        return;
      }
      if (command === 'list') {
        const contacts = emulator.contacts();
        if (contacts.length === 0) return print('no chats yet');
        for (const contact of contacts) print(`chat ${shortId(contact.contactId)} | ${contact.state.padEnd(9)} ${contact.customer.displayName}${contact.agent ? ` with ${contact.agent.displayName}` : ''}`);
        return;
      }
      print(`unknown command "${command}"; the agent's commands:\n${agentConsoleHelp}`);
    } catch (error) {
      print((error as Error).message);
    }
  });
  return {
    close() {
      stopListening();
      lines.close();
    },
  };
}

/** What the agent sees of an item; its own items and typing are not echoed. */
function describeItem(item: ChatItem, contact: ConnectEmulatorContact): string | undefined {
  if (item.ParticipantRole === 'AGENT' || item.ContentType === chatEventType.typing) return undefined;
  const name = item.DisplayName ?? 'customer';
  if (item.Type === 'MESSAGE') return `${name}: ${(item.Content ?? '').replaceAll('\n', '\n    ')}`;
  if (item.ContentType === chatEventType.participantJoined) {
    const attributes = Object.entries(contact.attributes).map(([key, value]) => `\n    ${key} = ${value.length > 120 ? `${value.slice(0, 117)}...` : value}`);
    return `${name} is waiting; "accept" takes the chat${attributes.length ? `\n  attributes:${attributes.join('')}` : ''}`;
  }
  if (item.ContentType === chatEventType.participantLeft) return `${name} left`;
  if (item.ContentType === chatEventType.chatEnded) return `the chat ended (${contact.endReason ?? 'ended'})`;
  return undefined;
}

const shortId = (contactId: string) => contactId.slice(0, 8);
