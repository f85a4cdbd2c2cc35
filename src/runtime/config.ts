/**
 * The runtime's settings: defaults, then a config file (`parley.config.yaml` / `.json`), then
 * environment variables, then command-line flags. Checked once, with zod; a bad value is reported
 * with its key (or variable) and how to fix it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from '../core/errors.js';
import { describeNluIssue, nluConfigSchema } from '../nlu/config/nlu-config-schema.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const runtimeConfigSchema = z.strictObject({
  /** The bot module: its default export is defineBot({...}). */
  bot: z.string().min(1).default('dialogs/index.ts'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65_535).default(3978),
  store: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('file'),
        directory: z.string().min(1).default('.parley/conversations'),
        /** Several processes serve the same conversations from this directory (slower: a lock file per write). */
        shared: z.boolean().default(false),
      }),
      z.strictObject({ kind: z.literal('memory'), maxConversations: z.number().int().positive().optional() }),
    ])
    .default({ kind: 'file', directory: '.parley/conversations', shared: false }),
  logging: z
    .strictObject({
      level: z.enum(logLevels).default('info'),
      /** Log what customers and the bot say. Off by default. */
      messageText: z.boolean().default(false),
    })
    .prefault({}),
  limits: z.strictObject({ maxBodyBytes: z.number().int().min(1024).max(16 * 1024 * 1024).default(64 * 1024) }).prefault({}),
  /** Bot Framework authentication: on when an app id is set. */
  botFramework: z
    .strictObject({
      appId: z.string().min(1).optional(),
      appPassword: z.string().min(1).optional(),
      tenantId: z.string().min(1).optional(),
      appType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    })
    .prefault({}),
  /** How long shutdown waits for turns in flight. */
  shutdownTimeoutMs: z.number().int().positive().default(10_000),
  /** Language understanding: providers (local, Lex V2, Azure CLU), router settings and policy. Default: the local recognizer. */
  nlu: nluConfigSchema.optional(),
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;
type RawConfig = Record<string, unknown>;

/** Where each environment variable goes, and how its text becomes a value. */
const environment: Array<{ variable: string; path: string[]; read: (text: string, variable: string) => unknown }> = [
  { variable: 'PARLEY_BOT', path: ['bot'], read: (text) => text },
  { variable: 'HOST', path: ['host'], read: (text) => text },
  { variable: 'PORT', path: ['port'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'PARLEY_STORE', path: ['store', 'kind'], read: (text) => text },
  { variable: 'PARLEY_STORE_DIR', path: ['store', 'directory'], read: (text) => text },
  { variable: 'LOG_LEVEL', path: ['logging', 'level'], read: (text) => text.toLowerCase() },
  { variable: 'PARLEY_LOG_MESSAGE_TEXT', path: ['logging', 'messageText'], read: (text, variable) => yesOrNo(text, variable) },
  { variable: 'PARLEY_MAX_BODY_BYTES', path: ['limits', 'maxBodyBytes'], read: (text, variable) => wholeNumber(text, variable) },
  { variable: 'MICROSOFT_APP_ID', path: ['botFramework', 'appId'], read: (text) => text },
  { variable: 'MICROSOFT_APP_PASSWORD', path: ['botFramework', 'appPassword'], read: (text) => text },
  { variable: 'MICROSOFT_APP_TENANT_ID', path: ['botFramework', 'tenantId'], read: (text) => text },
  { variable: 'MICROSOFT_APP_TYPE', path: ['botFramework', 'appType'], read: (text) => text },
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
  for (const { variable, path, read } of environment) {
    const text = env[variable];
    if (text !== undefined && text !== '') setPath(raw, path, read(text.trim(), variable));
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) if (value !== undefined) raw[key] = value;
  // A store directory alone means the file store.
  const store = raw.store as RawConfig | undefined;
  if (store && store.kind === undefined && store.directory !== undefined) store.kind = 'file';
  const parsed = runtimeConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.join('.') || 'config';
  const variable = environment.find((entry) => entry.path.join('.') === key)?.variable;
  const where = [file ? `${file}` : undefined, variable ? `environment variable ${variable}` : undefined].filter(Boolean).join(' or ');
  throw new ConfigurationError(key, `${describeIssue(issue)}${where ? ` (set in ${where})` : ''}`);
}

function readConfigFile(file: string): RawConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigurationError('config', `no config file at ${file}; create it or leave the option out to use the defaults`);
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigurationError('config', `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigurationError('config', `${file} must hold a mapping of settings, like "port: 3978"`);
  return value as RawConfig;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
    const known = Object.keys(runtimeConfigSchema.shape).join(', ');
    return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; the settings are ${known}`;
  }
  if (issue.path[0] === 'nlu' || issue.code === 'unrecognized_keys') return describeNluIssue(issue);
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

function setPath(target: RawConfig, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (node[key] = typeof next === 'object' && next !== null ? { ...(next as RawConfig) } : {}) as RawConfig;
  }
  node[path[path.length - 1]!] = value;
}

function wholeNumber(text: string, variable: string): number {
  if (!/^\d+$/.test(text)) throw new ConfigurationError(variable, `must be a whole number, got "${text}"`);
  return Number(text);
}

function yesOrNo(text: string, variable: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new ConfigurationError(variable, `must be true or false, got "${text}"`);
}
