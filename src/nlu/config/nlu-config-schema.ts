/**
 * The `nlu` section of a bot's config: which recognizers there are and how to reach them
 * (`providers`), how the router treats each (`settings`), and which answers each turn (`policy`).
 * Validated once with zod; keys in errors read `nlu.providers.lex.botId`. Secrets never appear here:
 * CLU names the environment variable that holds its key, and AWS credentials come from the SDK's
 * default chain.
 */
import * as z from 'zod';
import { describeConfigIssue } from '../../core/config-issues.js';
import { ConfigurationError } from '../../core/errors.js';
import { describeUnknownNames } from '../../core/unknown-names.js';
import { parsePolicy, type PolicyInput } from '../router/policy.js';

const name = z.string().regex(/^[A-Za-z][\w-]*$/, 'provider names are a letter, then letters, digits, _ or -');
const confidence = z.number().min(0).max(1);
/** A string that must be given; `fix` says what to write, whether it is missing or empty. */
const required = (fix: string) => z.string({ error: fix }).trim().min(1, fix);

const local = z.strictObject({
  kind: z.literal('local'),
  /** Under this probability `topIntent` is null (default 0.35). */
  threshold: confidence.optional(),
});

const lexV2 = z.strictObject({
  kind: z.literal('lex-v2'),
  botId: required("give the Lex V2 bot's id (from the Lex console, the Lex deployer, or parley emulate lex)"),
  botAliasId: required('give the alias to call (TSTALIASID is the draft version)'),
  /** Default: the customer's locale written Lex's way (`en-US` becomes `en_US`). */
  localeId: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'write a Lex locale id like en_US').optional(),
  region: required('give the AWS region of the bot, like us-east-1'),
  /** Another endpoint than the region's: `http://127.0.0.1:4010` for `parley emulate lex`. */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  threshold: confidence.optional(),
});

const azureClu = z
  .strictObject({
    kind: z.literal('azure-clu'),
    /** `https://<resource>.cognitiveservices.azure.com`. */
    endpoint: z.url({ protocol: /^https?$/, error: 'give the Language resource URL, https://<resource>.cognitiveservices.azure.com' }),
    projectName: required('give the CLU project name'),
    deploymentName: required('give the deployment to call, like production'),
    /** The environment variable holding the Language resource key: the key itself never goes in config. */
    apiKeyEnv: z
      .string({ error: 'give the name of the environment variable that holds the key, like AZURE_LANGUAGE_KEY' })
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'give the name of the environment variable that holds the key (like AZURE_LANGUAGE_KEY), never the key itself')
      // Language resource keys are 32 hexadecimal digits, which the pattern above lets through.
      .refine((value) => !/^[0-9a-f]{32}$/i.test(value), 'looks like a key itself: give the name of the environment variable that holds it (like AZURE_LANGUAGE_KEY), and rotate the key if this file was shared'),
    /** Allow an `http://` endpoint: for `parley emulate clu` only. */
    allowInsecureConnection: z.boolean().optional(),
    threshold: confidence.optional(),
  })
  .refine((clu) => !/^http:/i.test(clu.endpoint) || clu.allowInsecureConnection === true, {
    path: ['endpoint'],
    message: 'is http://; use https://, or for a local emulator set allowInsecureConnection: true',
  });

export const providerConfigSchema = z.discriminatedUnion('kind', [local, lexV2, azureClu], {
  error: (issue) => (issue.code === 'invalid_union' ? 'kind must be local, lex-v2 or azure-clu' : undefined),
});

const platt = z.strictObject({ kind: z.literal('platt'), a: z.number(), b: z.number() });
const identity = z.strictObject({ kind: z.literal('identity') });

/** How the router treats one provider; unset keys take the router's defaults. */
export const providerSettingsSchema = z
  .strictObject({
    timeoutMs: z.number().int().positive().optional(),
    retries: z.number().int().min(0).max(10).optional(),
    backoffMs: z.number().int().min(0).optional(),
    breaker: z.strictObject({ failures: z.number().int().positive().optional(), coolDownMs: z.number().int().min(0).optional() }).optional(),
    /** Written inline: `{ kind: platt, a: -6.1, b: 2.9 }`. */
    calibration: z.discriminatedUnion('kind', [platt, identity]).optional(),
    /** A file written by `parley nlu eval --calibration <file>`, from the working directory. */
    calibrationFile: z.string().min(1).optional(),
  })
  .refine((settings) => settings.calibration === undefined || settings.calibrationFile === undefined, {
    path: ['calibrationFile'],
    message: 'give calibration or calibrationFile, not both',
  });

export const nluConfigSchema = z
  .strictObject({
    providers: z.record(name, providerConfigSchema).refine((providers) => Object.keys(providers).length > 0, 'name at least one provider, like local: { kind: local }'),
    /** Per provider, by name. */
    settings: z.record(name, providerSettingsSchema).optional(),
    /** The router's policy (see parsePolicy); without one, the only provider answers alone. */
    policy: z.custom<PolicyInput>(() => true).optional(),
  })
  .superRefine((nlu, context) => {
    const names = Object.keys(nlu.providers);
    for (const named of Object.keys(nlu.settings ?? {})) {
      // A name no provider has may be anything pasted there: shown only when it is a near miss.
      if (!names.includes(named)) context.addIssue({ code: 'custom', path: ['settings'], message: `${describeUnknownNames([named], names, 'provider')}; settings are keyed by provider name` });
    }
    if (nlu.policy === undefined) {
      if (names.length > 1) context.addIssue({ code: 'custom', path: ['policy'], message: `${names.length} providers are configured (${names.join(', ')}): add a policy saying which answers, like { default: { strategy: fallback, providers: [${names.join(', ')}] } }` });
      else if (nlu.settings !== undefined) context.addIssue({ code: 'custom', path: ['settings'], message: `apply only behind a router: add a policy, like { default: { strategy: single, providers: [${names[0]}] } }` });
      return;
    }
    try {
      parsePolicy(nlu.policy, names);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      // parsePolicy names its keys `nlu.policy.…`; as an issue, the path is relative to `nlu`.
      context.addIssue({ code: 'custom', path: error.key.split('.').slice(1), message: error.message.slice(error.key.length + 2) });
    }
  });

export type NluConfigInput = z.input<typeof nluConfigSchema>;
export type NluConfig = z.output<typeof nluConfigSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type ProviderSettingsConfig = z.output<typeof providerSettingsSchema>;

/**
 * Validates an `nlu` section, throwing a ConfigurationError that names the key and the fix.
 *
 * @example
 * const nlu = parseNluConfig({ providers: { local: { kind: 'local' } } });
 * parseNluConfig({ providers: { lex: { kind: 'lex-v2', region: 'us-east-1' } } });
 * // ConfigurationError: nlu.providers.lex.botId: …
 */
export function parseNluConfig(input: unknown, prefix = 'nlu'): NluConfig {
  const result = nluConfigSchema.safeParse(input);
  if (result.success) return result.data;
  // Said without the values written: the providers' settings sit next to credentials.
  const { path, message } = describeConfigIssue(result.error.issues[0]!, nluConfigSchema, input);
  throw new ConfigurationError([prefix, ...path.map(String)].join('.'), message);
}
