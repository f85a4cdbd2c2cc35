/**
 * `parley emulate lex|clu [intents-dir]`: a local Amazon Lex V2 runtime or Azure CLU endpoint that
 * answers from intent files, for trying providers and policies offline; with fault knobs.
 * `parley emulate lex-models`: a local Lex V2 model-building API (an empty account), to try a deploy.
 * `parley emulate connect`: a local Amazon Connect for chat handoffs, with the agent at the console.
 * `parley emulate acs`: a local Azure Communication Services resource (identity, chat, SMS, Event Grid).
 */
import { existsSync } from 'node:fs';
import { Argument, Command } from 'commander';
import { loadIntents } from '../content/read-intents.js';
import type { IntentModel } from '../content/intent-model.js';
import { ConfigurationError } from '../core/errors.js';
import { toLexV2LocaleId } from '../nlu/lex-v2/lex-v2-session.js';
import { startCluEmulator } from '../testing/emulators/clu/clu-emulator.js';
import { defaultConnectInstance, startConnectEmulator } from '../testing/emulators/connect/connect-emulator.js';
import type { EmulatorFaults } from '../testing/emulators/faults.js';
import { startLexModelsEmulator } from '../testing/emulators/lex-models/lex-models-emulator.js';
import { defaultCodeHookTimeoutMs } from '../testing/emulators/lex-runtime/lex-code-hook.js';
import { defaultLexBot, startLexRuntimeEmulator } from '../testing/emulators/lex-runtime/lex-runtime-emulator.js';
import { agentConsoleHelp, startAgentConsole } from './connect-agent-console.js';
import { startEmulatedAcs } from './emulate-acs.js';
import { loadEmulatedCodeHook, type EmulatedCodeHook } from './emulate-code-hook.js';

interface EmulateOptions {
  port?: string;
  host: string;
  latency?: string;
  errorRate?: string;
  throttleRate?: string;
  malformedRate?: string;
  hangRate?: string;
  seed?: string;
  botId: string;
  codeHook?: string;
  codeHookTimeout?: string;
  project: string;
  deployment: string;
  statusDelay?: string;
  instanceId: string;
  contactFlowId: string;
  webhook?: string;
}

type Service = 'lex' | 'clu' | 'lex-models' | 'connect' | 'acs';
const defaultPorts: Record<Service, number> = { lex: 4010, clu: 4011, 'lex-models': 4012, connect: 4013, acs: 4014 };
const keyVariable = 'AZURE_LANGUAGE_KEY';
const defaultFolder = 'intents';
/** The AWS emulators' last lines. */
const awsCredentialsHint = [
  'The AWS SDK signs every call, so it needs credentials from its default chain; the emulator takes any:',
  '  export AWS_ACCESS_KEY_ID=AKIDPARLEYEMULATOR AWS_SECRET_ACCESS_KEY=emulator',
  '',
  'Ctrl-C stops it.',
];

/**
 * @example
 * program.addCommand(emulateCommand()); // parley emulate lex intents --port 4010 --error-rate 0.2; parley emulate lex-models; parley emulate connect
 */
export function emulateCommand(): Command {
  return new Command('emulate')
    .description('serve intent files as a local Amazon Lex V2 runtime or Azure CLU endpoint, or emulate the Lex V2 model-building API, Amazon Connect chat (you as the agent) or Azure Communication Services, until Ctrl-C')
    .addArgument(new Argument('<service>', 'lex, clu, lex-models, connect or acs').choices(['lex', 'clu', 'lex-models', 'connect', 'acs']))
    .argument('[intents-dir]', 'the intents it answers from (lex, clu; clu starts with no project when there is no intents folder)', defaultFolder)
    .option('-p, --port <port>', `port to listen on (default ${defaultPorts.lex} for lex, ${defaultPorts.clu} for clu, ${defaultPorts['lex-models']} for lex-models, ${defaultPorts.connect} for connect, ${defaultPorts.acs} for acs; 0 for any free port)`)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--latency <ms>', 'added to every answer: milliseconds, or a range like 20-200')
    .option('--error-rate <share>', 'share of calls (0–1) answered with a server error (500)')
    .option('--throttle-rate <share>', 'share of calls answered as throttled (429)')
    .option('--malformed-rate <share>', 'share of calls answered with a body the client cannot parse')
    .option('--hang-rate <share>', 'share of calls never answered')
    .option('--seed <n>', 'seed of the sequence that picks the failing calls', '1')
    .option('--bot-id <id>', 'lex: the bot id it serves', defaultLexBot.botId)
    .option('--code-hook <target>', "lex: the code hook each turn invokes, as Lex invokes its Lambda: a Lambda invoke URL, or a bot module (bot.ts) answered by Parley's Lex code hook handler, whose intents are then served")
    .option('--code-hook-timeout <ms>', `lex: how long it waits for the code hook before answering DependencyFailedException (default ${defaultCodeHookTimeoutMs}, as Lex)`)
    .option('--project <name>', 'clu: the project it serves', 'Parley')
    .option('--deployment <name>', 'clu: the deployment it serves', 'production')
    .option('--status-delay <ms>', 'lex-models: how long Creating, Building, Versioning and Deleting last (default 5)')
    .option('--instance-id <id>', 'connect: the instance it holds', defaultConnectInstance.InstanceId)
    .option('--contact-flow-id <id>', 'connect: the contact flow chats start in', defaultConnectInstance.ContactFlowId)
    .option('--webhook <url>', 'acs: a webhook the chat and SMS events are delivered to (Event Grid schema), once it answers the validation handshake')
    .action(async (service: Service, folder: string, options: EmulateOptions) => {
      const faults = readFaults(options);
      if (service !== 'lex' && (options.codeHook !== undefined || options.codeHookTimeout !== undefined)) {
        throw new ConfigurationError(options.codeHook !== undefined ? '--code-hook' : '--code-hook-timeout', `only parley emulate lex invokes a code hook, not ${service}`);
      }
      const codeHookTimeoutMs = options.codeHookTimeout === undefined ? undefined : wholeNumber('--code-hook-timeout', options.codeHookTimeout, 1, 900_000);
      const port = options.port === undefined ? defaultPorts[service] : wholeNumber('--port', options.port, 0, 65_535);
      const inUse = (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ConfigurationError('--port', `${options.host}:${port} is in use; choose another with --port N (0 for any free port)`);
        throw error;
      };
      let emulator: { url: string; close(): Promise<void> };
      if (service !== 'acs' && options.webhook !== undefined) throw new ConfigurationError('--webhook', `only parley emulate acs delivers events to a webhook, not ${service}`);
      if (service === 'acs') {
        emulator = await startEmulatedAcs({ port, host: options.host, faults, webhook: options.webhook }).catch(inUse);
      } else if (service === 'connect') {
        const connect = await startConnectEmulator({ port, host: options.host, faults, instances: [{ instanceId: options.instanceId, contactFlowIds: [options.contactFlowId] }] }).catch(inUse);
        console.log(connectInstructions(connect.url, options));
        const agent = startAgentConsole(connect);
        emulator = {
          url: connect.url,
          async close() {
            agent.close();
            await connect.close();
          },
        };
      } else if (service === 'lex-models') {
        const statusDelayMs = options.statusDelay === undefined ? undefined : wholeNumber('--status-delay', options.statusDelay, 0, 600_000);
        emulator = await startLexModelsEmulator({ port, host: options.host, faults, ...(statusDelayMs !== undefined ? { statusDelayMs } : {}) }).catch(inUse);
        console.log(lexModelsInstructions(emulator.url));
      } else if (service === 'clu' && folder === defaultFolder && !existsSync(folder)) {
        // No intents here: a CLU resource with no project yet, for trying `parley clu deploy`.
        emulator = await startCluEmulator({ port, host: options.host, faults, projects: [] }).catch(inUse);
        console.log(cluInstructions(emulator.url, options, undefined));
      } else {
        const hook = options.codeHook === undefined ? undefined : await loadEmulatedCodeHook(options.codeHook);
        const model = hook?.model ?? (await loadIntents(folder));
        const listen = { port, host: options.host, faults, model };
        const codeHook = hook ? { codeHook: hook.codeHook, ...(codeHookTimeoutMs === undefined ? {} : { codeHookTimeoutMs }) } : {};
        emulator = await (service === 'lex'
          ? startLexRuntimeEmulator({ ...listen, bots: [{ botId: options.botId, ...codeHook }] })
          : startCluEmulator({ ...listen, projects: [{ projectName: options.project, deployments: [options.deployment] }] })
        ).catch(inUse);
        const served = hook?.model ? `the intents of ${options.codeHook}` : folder;
        console.log(service === 'lex' ? lexInstructions(emulator.url, options.botId, model, served, hook && { ...hook, timeoutMs: codeHookTimeoutMs ?? defaultCodeHookTimeoutMs }) : cluInstructions(emulator.url, options, folder));
      }
      const signal = await untilStopped();
      await emulator.close();
      console.log(`${signal}: emulator stopped`);
    });
}

function lexInstructions(url: string, botId: string, model: IntentModel, folder: string, hook?: EmulatedCodeHook & { timeoutMs: number }): string {
  const locales = Object.keys(model.locales);
  const localeId = toLexV2LocaleId(locales.includes('en-US') ? 'en-US' : (locales[0] ?? 'en-US'));
  return [
    `Amazon Lex V2 runtime emulator: ${url}`,
    `  answering from ${folder} (${locales.map(toLexV2LocaleId).join(', ')}) as bot ${botId}, alias ${defaultLexBot.botAliasId}`,
    ...(hook ? [`  code hook: ${hook.description}, waited for up to ${hook.timeoutMs} ms`] : []),
    '',
    'Add to parley.config.yaml, or to a file for parley chat --policy:',
    '',
    'nlu:',
    '  providers:',
    '    lex:',
    '      kind: lex-v2',
    `      botId: ${botId}`,
    `      botAliasId: ${defaultLexBot.botAliasId}`,
    `      localeId: ${localeId}`,
    '      region: us-east-1',
    `      endpoint: ${url}`,
    '',
    ...awsCredentialsHint,
  ].join('\n');
}

function lexModelsInstructions(url: string): string {
  return [
    `Amazon Lex V2 model-building emulator: ${url}`,
    '  an empty account: bots, locales, slot types, intents, slots, builds, versions and aliases, kept until Ctrl-C',
    '',
    'Point a LexModelsV2Client (@aws-sdk/client-lex-models-v2) at it:',
    '',
    `  new LexModelsV2Client({ region: 'us-east-1', endpoint: '${url}' })`,
    '',
    'or the AWS CLI:',
    '',
    `  aws lexv2-models list-bots --region us-east-1 --endpoint-url ${url}`,
    '',
    ...awsCredentialsHint,
  ].join('\n');
}

function connectInstructions(url: string, options: EmulateOptions): string {
  return [
    `Amazon Connect chat emulator: ${url}`,
    `  instance ${options.instanceId}, contact flow ${options.contactFlowId}`,
    '  StartChatContact and StopContact, the participant service and the chat WebSocket, on this one address',
    '',
    'Point both clients (@aws-sdk/client-connect, @aws-sdk/client-connectparticipant) at it:',
    '',
    `  new ConnectClient({ region: 'us-east-1', endpoint: '${url}' })`,
    `  new ConnectParticipantClient({ region: 'us-east-1', endpoint: '${url}' })`,
    '',
    'or hand web chat conversations to it from `parley serve`:',
    '',
    `  PARLEY_HANDOFF=amazon-connect PARLEY_CONNECT_INSTANCE_ID=${options.instanceId} PARLEY_CONNECT_CONTACT_FLOW_ID=${options.contactFlowId} \\`,
    `  PARLEY_CONNECT_REGION=us-east-1 PARLEY_CONNECT_ENDPOINT=${url} npx parley serve`,
    '',
    'You are the agent. Type:',
    agentConsoleHelp,
    '',
    ...awsCredentialsHint,
  ].join('\n');
}

function cluInstructions(url: string, options: EmulateOptions, folder: string | undefined): string {
  return [
    `Azure CLU emulator: ${url}`,
    folder === undefined
      ? '  no project yet: deploy one with parley clu deploy (below)'
      : `  answering from ${folder} as project ${options.project}, deployment ${options.deployment}`,
    '',
    'Add to parley.config.yaml, or to a file for parley chat --policy:',
    '',
    'nlu:',
    '  providers:',
    '    clu:',
    '      kind: azure-clu',
    `      endpoint: ${url}`,
    `      projectName: ${options.project}`,
    `      deploymentName: ${options.deployment}`,
    `      apiKeyEnv: ${keyVariable}`,
    '      allowInsecureConnection: true   # http://, for the emulator only',
    '',
    'The key is read from that variable; the emulator takes any:',
    `  export ${keyVariable}=emulator`,
    '',
    'It serves the CLU authoring API too; a project deployed to it answers in place of the files:',
    `  CLU_AUTHORING_KEY=emulator parley clu deploy ${folder ?? defaultFolder} --endpoint ${url} --project ${options.project} --deployment ${options.deployment}`,
    '',
    'Ctrl-C stops it.',
  ].join('\n');
}

function readFaults(options: EmulateOptions): EmulatorFaults {
  const faults: EmulatorFaults = { seed: wholeNumber('--seed', options.seed ?? '1', 0, 2 ** 31) };
  if (options.latency !== undefined) {
    const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(options.latency);
    faults.latencyMs = range ? { min: Number(range[1]), max: Number(range[2]) } : wholeNumber('--latency', options.latency, 0, 600_000);
    if (range && Number(range[1]) > Number(range[2])) throw new ConfigurationError('--latency', `a range is min-max with min <= max, not ${options.latency}`);
  }
  const rates = { errorRate: '--error-rate', throttleRate: '--throttle-rate', malformedRate: '--malformed-rate', hangRate: '--hang-rate' } as const;
  for (const [key, option] of Object.entries(rates) as [keyof typeof rates, string][]) {
    const written = options[key];
    if (written === undefined) continue;
    const rate = Number(written);
    if (written.trim() === '' || !(rate >= 0 && rate <= 1)) throw new ConfigurationError(option, `must be a share of calls from 0 to 1, not ${JSON.stringify(written)}`);
    faults[key] = rate;
  }
  const total = (faults.errorRate ?? 0) + (faults.throttleRate ?? 0) + (faults.malformedRate ?? 0) + (faults.hangRate ?? 0);
  if (total > 1) throw new ConfigurationError('--error-rate', `the rates add up to ${total}; together they must be at most 1`);
  return faults;
}

function wholeNumber(option: string, written: string, least: number, most: number): number {
  const value = Number(written);
  if (!/^\s*\d+\s*$/.test(written) || value < least || value > most) throw new ConfigurationError(option, `must be a whole number from ${least} to ${most}, not ${JSON.stringify(written)}`);
  return value;
}

/** Resolves on Ctrl-C or SIGTERM, with the signal's name. */
function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
