// `parley emulate connect` as a process (the CLI built to dist/ by `npm test`): the real Connect SDK
// clients and a WebSocket client on the customer's side, and the agent typed on its stdin.
import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
import { ConnectParticipantClient, CreateParticipantConnectionCommand, SendMessageCommand } from '@aws-sdk/client-connectparticipant';
import { connectChatEventType as event, defaultConnectInstance } from 'parley-sdk/testing';
import { describe, expect, it } from 'vitest';
import { runParley as parley, processTestTimeoutMs } from '../support/run-parley.js';
import { openChatSocket } from '../testing/emulators/connect-fixture.js';

const credentials = { accessKeyId: 'AKIDPARLEYTEST', secretAccessKey: 'emulator' };

describe('parley emulate connect', { timeout: processTestTimeoutMs }, () => {
  it('serves a chat handoff to the AWS SDKs, takes the agent from stdin, and stops on SIGTERM', async () => {
    const emulator = parley(['emulate', 'connect', '--port', '0']);
    const [, endpoint] = await emulator.waitFor(/^Amazon Connect chat emulator: (http:\/\/127\.0\.0\.1:\d+)$/m);
    const printed = emulator.output().stdout;
    expect(printed).toContain(`instance ${defaultConnectInstance.InstanceId}, contact flow ${defaultConnectInstance.ContactFlowId}`);
    expect(printed).toContain(`new ConnectParticipantClient({ region: 'us-east-1', endpoint: '${endpoint}' })`);
    expect(printed).toContain('say <text>');

    const connect = new ConnectClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    const participant = new ConnectParticipantClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    try {
      const chat = await connect.send(
        new StartChatContactCommand({ ...defaultConnectInstance, ParticipantDetails: { DisplayName: 'Ada' }, Attributes: { parley_queue: 'Billing' }, InitialMessage: { ContentType: 'text/plain', Content: 'my bill is wrong' } }),
      );
      await emulator.waitFor(/\| Ada is waiting; "accept" takes the chat\n {2}attributes:\n {4}parley_queue = Billing\n.*\| Ada: my bill is wrong\n/);
      const connection = await participant.send(new CreateParticipantConnectionCommand({ ParticipantToken: chat.ParticipantToken!, Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'], ConnectParticipant: true }));
      const socket = await openChatSocket(connection.Websocket!.Url!);
      socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
      await socket.next((frame) => frame.topic === 'aws/subscribe');

      emulator.child.stdin.write('accept Sam\n');
      expect(await socket.nextItem((item) => item.ContentType === event.participantJoined && item.ParticipantRole === 'AGENT')).toMatchObject({ DisplayName: 'Sam' });
      emulator.child.stdin.write('say Hello Ada, let me look.\n');
      expect(await socket.nextItem((item) => item.Type === 'MESSAGE' && item.ParticipantRole === 'AGENT')).toMatchObject({ Content: 'Hello Ada, let me look.' });
      await participant.send(new SendMessageCommand({ ConnectionToken: connection.ConnectionCredentials!.ConnectionToken!, ContentType: 'text/plain', Content: 'thank you' }));
      await emulator.waitFor(/\| Ada: thank you\n/);
      emulator.child.stdin.write('end\n');
      expect(await socket.nextItem((item) => item.ContentType === event.chatEnded)).toMatchObject({ ContactId: chat.ContactId });
      await emulator.waitFor(/\| the chat ended \(AGENT_DISCONNECT\)\n/);
      socket.socket.close();
    } finally {
      connect.destroy();
      participant.destroy();
    }
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
    expect(emulator.output().stdout).toMatch(/SIGTERM: emulator stopped\n$/);
  });
});
