/**
 * The runtime's settings: defaults, then a config file (`parley.config.yaml` / `.json`), then
 * environment variables, then command-line flags. Checked once, with zod; a bad value is reported
 * with its key (or variable) and how to fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { describeConfigIssue } from '../core/config-issues.js';
import { describeSyntaxError, formatOfFile, parseConfigText } from '../core/config-text.js';
import { ConfigurationError } from '../core/errors.js';
import { parseOnce } from '../core/parse-once.js';
import { nluConfigSchema } from '../nlu/config/nlu-config-schema.js';
import { botFrameworkConfigSchema, botFrameworkEnvironment } from './bot-framework-config.js';
import { connectConfigSchema, connectEnvironment } from './connect-config.js';
import { handoffConfigSchema, handoffEnvironment } from './handoff-config.js';
import { acsConfigSchema, acsEnvironment, eventGridConfigSchema, notificationsConfigSchema } from './acs-config.js';
import { readVariable, type EnvironmentEntry } from './environment-variables.js';

/** Where `parley serve` and `parley chat` keep the trained recognizer unless told otherwise. */
export const defaultModelCache = '.parley/model';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const runtimeConfigSchema = z.strictObject({
  /** The bot module: its default export is defineBot({...}). Unset: `bot.ts`, else `dialogs/index.ts`, in the working folder. */
  bot: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(3978),
  store: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('file'),
        directory: z.string().min(1).default('.parley/conversations'),
        /** Several processes serve the same conversations from this directory (slower: a lock file per write). */
        shared: z.boolean().default(false),
        /** How long a conversation is kept after its last turn (default 86400: a day); a sweep deletes older ones. */
        ttlSeconds: z.number().int().min(60).max(10 * 366 * 24 * 3600).optional(),
      }),
      z.strictObject({ kind: z.literal('memory'), maxConversations: z.number().int().positive().optional() }),
      z.strictObject({
        kind: z.literal('dynamodb'),
        /** The table, made by `parley store create-table`. */
        table: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name: 3–255 letters, digits, underscores, dots and dashes'),
        /** Without it the AWS SDK reads `AWS_REGION` or the profile. */
        region: z.string().min(1).optional(),
        /** Another endpoint than AWS's (DynamoDB Local). */
        endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
        /** How long a conversation is kept after its last turn (default 86400: a day); DynamoDB's TTL deletes older ones. */
        ttlSeconds: z.number().int().min(60).max(366 * 24 * 3600).optional(),
      }),
    ])
    .default({ kind: 'file', directory: '.parley/conversations', shared: false }),
  logging: z
    .strictObject({
      level: z.enum(logLevels).default('info'),
      /** Log what customers and the bot say. Off by default. */
      messageText: z.boolean().default(false),
    })
    .prefault({}),
  /** Abuse limits: body size, rate limits per client address and per conversation, event streams. */
  limits: z
    .strictObject({
      maxBodyBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024),
      /** Web conversations one client address may start per minute. */
      conversationsPerMinute: z.number().int().min(1).max(1_000_000).default(30),
      /** Messages per minute in one conversation. */
      messagesPerMinute: z.number().int().min(1).max(1_000_000).default(30),
      /** Messages per minute from one client address, across its conversations. */
      messagesPerMinutePerAddress: z.number().int().min(1).max(1_000_000).default(300),
      /** Event streams open at once on one web conversation. */
      eventStreamsPerConversation: z.number().int().min(1).max(1000).default(5),
      /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: the socket's address). */
      proxyHops: z.number().int().min(0).max(10).default(0),
    })
    .prefault({}),
  /**
   * The transcript kept with each conversation (what a reloaded page shows, and a person taking over
   * reads): the newest entries, within both limits. `entries: 0` keeps only what redelivered turns
   * need to be answered again.
   */
  transcript: z
    .strictObject({
      entries: z.number().int().min(0).max(1000).default(30),
      characters: z.number().int().min(0).max(1_000_000).default(10_000),
    })
    .prefault({}),
  /** The web chat channel's conversation tokens. */
  webChat: z
    .strictObject({
      /**
       * The key that signs conversation tokens (at least 32 characters); every process serving the
       * same conversations needs the same one. Default: generated once and kept beside the file
       * store's conversations (or per process with the memory store).
       */
      tokenSecret: z.string().min(32, 'must be at least 32 characters; generate one with `openssl rand -base64 32`').optional(),
      /** How long a conversation token is valid; the page exchanges it for a fresh one before then. */
      tokenTtlSeconds: z.number().int().min(60).max(7 * 24 * 3600).default(3600),
    })
    .prefault({}),
  /** The operator routes (`/operator/…`: erasing a conversation); off until a token is set. */
  operator: z
    .strictObject({
      /** What operators send as `Authorization: Bearer <token>`; at least 32 characters. */
      token: z.string().min(32, 'must be at least 32 characters; generate one with `openssl rand -base64 32`').optional(),
    })
    .prefault({}),
  /** Bot Framework: authentication (on when an app id is set), where replies may go, other clouds. */
  botFramework: botFrameworkConfigSchema,
  /** Where a person takes over a handoff off Amazon Connect's own channels: Amazon Connect chat, ACS agents, or the agent desk (`local`); unset, the channel shows the handoff. */
  handoff: handoffConfigSchema,
  /** Azure Communication Services: the resource, the bot's identity, SMS; ACS chat and SMS answer at POST /api/acs/events. */
  acs: acsConfigSchema,
  /** Who may post Event Grid events to /api/acs/events: a shared secret or Entra tokens. */
  eventGrid: eventGridConfigSchema,
  /** Proactive notifications (`bot.notify`, POST /operator/conversations/:id/notify): quiet hours. */
  notifications: notificationsConfigSchema,
  /** Amazon Connect: the queues the bot's handoffs name, and the Connect queue each is (for a flow Lambda's `queue` action). */
  connect: connectConfigSchema,
  /**
   * Processes serving on one port (node:cluster): a whole number, or `auto` for one per available
   * CPU. More than one needs a store the processes share (`store.shared: true`, or DynamoDB).
   */
  workers: z.union([z.number().int().min(1).max(1024), z.literal('auto')], { error: 'must be a number of processes from 1 to 1024, like 4, or auto (one per CPU)' }).default(1),
  /**
   * Where the trained recognizer is kept between starts (a model artefact per version of the intent
   * files, as `parley build` writes): a start that finds it loads it instead of training. A folder,
   * `{ directory, readOnly }` to only read it (a read-only file system), or `false` to train at every start.
   */
  modelCache: z
    .union([z.literal(false), z.string().min(1), z.strictObject({ directory: z.string().min(1), readOnly: z.boolean().default(false) })])
    .default(defaultModelCache),
  /** How long shutdown waits for turns in flight. */
  shutdownTimeoutMs: z.number().int().positive().default(10_000),
  /** Language understanding: providers (local, Lex V2, Azure CLU), router settings and policy. Default: the local recognizer. */
  nlu: nluConfigSchema.optional(),
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;
type RawConfig = Record<string, unknown>;

/** Where each environment variable goes, and how its text becomes a value. */
const environment: EnvironmentEntry[] = [
  { variable: 'PARLEY_BOT', path: ['bot'], read: (text) => text },
  { variable: 'HOST', path: ['host'], read: (text) => text },
  { variable: 'PORT', path: ['port'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'PARLEY_STORE', path: ['store', 'kind'], read: (text) => text },
  { variable: 'PARLEY_STORE_DIR', path: ['store', 'directory'], read: (text) => text },
  { variable: 'PARLEY_DYNAMODB_TABLE', path: ['store', 'table'], read: (text) => text },
  { variable: 'PARLEY_DYNAMODB_ENDPOINT', path: ['store', 'endpoint'], read: (text) => text },
  { variable: 'PARLEY_STORE_TTL_SECONDS', alias: 'PARLEY_DYNAMODB_TTL_SECONDS', path: ['store', 'ttlSeconds'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'LOG_LEVEL', path: ['logging', 'level'], read: (text) => text.toLowerCase() },
  { variable: 'PARLEY_LOG_MESSAGE_TEXT', path: ['logging', 'messageText'], read: (text, variable) => yesOrNo(text, variable) },
  { variable: 'PARLEY_MAX_BODY_BYTES', path: ['limits', 'maxBodyBytes'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'PARLEY_PROXY_HOPS', path: ['limits', 'proxyHops'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'PARLEY_WEB_TOKEN_SECRET', path: ['webChat', 'tokenSecret'], read: (text) => text },
  { variable: 'PARLEY_MODEL_CACHE', path: ['modelCache'], read: (text) => readModelCacheText(text) },
  { variable: 'PARLEY_OPERATOR_TOKEN', path: ['operator', 'token'], read: (text) => text },
  { variable: 'PARLEY_WORKERS', path: ['workers'], read: (text, variable) => workerCount(text, variable) },
  ...botFrameworkEnvironment,
  ...connectEnvironment,
  ...handoffEnvironment,
  ...acsEnvironment,
];

const defaultFiles = ['parley.config.yaml', 'parley.config.yml', 'parley.config.json'];

export interface LoadConfigOptions {
  /** A config file; without it `parley.config.{yaml,yml,json}` in the working directory is used if present. */
  file?: string;
  env?: Record<string, string | undefined>;
  /** From command-line flags: they win over everything. */
  overrides?: RawConfig;
}

/**
 * @example
 * const config = loadRuntimeConfig({ overrides: { port: 8080 } });
 */
export function loadRuntimeConfig(options: LoadConfigOptions = {}): RuntimeConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PARLEY_CONFIG ?? defaultFiles.find((name) => existsSync(name));
  const raw: RawConfig = file ? readConfigFile(file) : {};
  // Which variable set each setting, to name it in errors.
  const setBy = new Map<string, string>();
  for (const entry of environment) {
    const found = readVariable(env, entry);
    if (!found) continue;
    setPath(raw, entry.path, entry.read(found.text, found.variable));
    setBy.set(entry.path.join('.'), found.variable);
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) if (value !== undefined) raw[key] = value;
  // A store directory alone means the file store; a table alone, the DynamoDB store.
  const store = raw.store as RawConfig | undefined;
  if (store && store.kind === undefined && store.directory !== undefined) store.kind = 'file';
  if (store && store.kind === undefined && store.table !== undefined) store.kind = 'dynamodb';
  const parsed = runtimeConfigSchema.safeParse(raw, parseOnce);
  if (parsed.success) return parsed.data;
  const { path, message } = describeConfigIssue(parsed.error.issues[0]!, runtimeConfigSchema, raw);
  const key = path.join('.') || 'config';
  // The variable of this setting, or of the list it is an item of (`botFramework.allowedServiceUrls.0`).
  const entry = environment.find((candidate) => key === candidate.path.join('.') || key.startsWith(`${candidate.path.join('.')}.`));
  const variable = entry && (setBy.get(entry.path.join('.')) ?? [entry.variable, entry.alias].filter(Boolean).join(' or '));
  const where = [file ? `${file}` : undefined, variable ? `environment variable ${variable}` : undefined].filter(Boolean).join(' or ');
  throw new ConfigurationError(key, `${message}${where ? ` (set in ${where})` : ''}`);
}

function readConfigFile(file: string): RawConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigurationError('config', `no config file at ${file}; create it or leave the option out to use the defaults`);
  const format = formatOfFile(file);
  // Never the parser's message, nor a cause carrying it: both quote the text, which may be a secret.
  const parsed = parseConfigText(readFileSync(path, 'utf8'), format);
  if (parsed.kind === 'syntax-error') {
    throw new ConfigurationError('config', `${file} is not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${describeSyntaxError(parsed)}`);
  }
  const value = parsed.value;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigurationError('config', `${file} must hold a mapping of settings, like "port: 3978"`);
  return value as RawConfig;
}

function setPath(target: RawConfig, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null ? { ...(next as RawConfig) } : {}) as RawConfig;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * The model cache a config asks for, as `createBot` takes it; undefined when it is off.
 *
 * @example
 * createBot(definition, { modelCache: modelCacheOf(config) });
 */
export function modelCacheOf(config: Pick<RuntimeConfig, 'modelCache'>): { directory: string; readOnly: boolean } | undefined {
  const setting = config.modelCache;
  if (setting === false) return undefined;
  return typeof setting === 'string' ? { directory: setting, readOnly: false } : setting;
}

/**
 * A model cache given as text (`PARLEY_MODEL_CACHE`, a flag): a folder, or `off` (also false, no, 0).
 *
 * @example
 * readModelCacheText('off') // false
 */
export function readModelCacheText(text: string): string | false {
  return /^(off|false|no|0)$/i.test(text.trim()) ? false : text.trim();
}

function wholeNumber(text: string, variable: string): number {
  // The text is not quoted back: every setting is treated as possibly secret.
  if (!/^\d+$/.test(text)) throw new ConfigurationError(variable, 'must be a whole number, like 3978');
  return Number(text);
}

function workerCount(text: string, variable: string): number | 'auto' {
  if (/^auto$/i.test(text)) return 'auto';
  if (!/^\d+$/.test(text)) throw new ConfigurationError(variable, 'must be a number of processes, like 4, or auto (one per CPU)');
  return Number(text);
}

function yesOrNo(text: string, variable: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new ConfigurationError(variable, 'must be true or false (also 1/0, yes/no, on/off)');
}
