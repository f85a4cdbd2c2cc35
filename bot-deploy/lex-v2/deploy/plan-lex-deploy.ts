/**
 * What a deploy will do, decided without changing anything: the compiled bot against the deployed
 * DRAFT, resource by resource, then whether a build, a version and an alias move are needed. Each
 * version Parley makes carries the hash of its content in its description, so "is this content
 * already served?" needs no comparison of versions: a version with the hash exists, or it does not.
 * That is also how a deploy that stopped after CreateBotVersion is finished: only the alias moves.
 */
import { fallbackIntentDescription, fallbackIntentName } from '../lex-names.js';
import { changedFields, describeIntentChange, describeSlotTypeChange, slotChanges, type LexSlotChanges } from './describe-lex-changes.js';
import type { LexBotState, LexIntentState, LexLocaleState } from './lex-api-shapes.js';
import { botFields, comparableIntent, comparableSlotType, lexContentHash, localeFields, sameFields, versionDescription } from './lex-managed-fields.js';
import type { DeployedLexAlias, DeployedLexBot, DeployedLexLocale } from './read-deployed-bot.js';

interface StepFields {
  'create-bot': {};
  'update-bot': {};
  'create-locale': { localeId: string };
  'update-locale': { localeId: string };
  'create-slot-type': { localeId: string; name: string };
  'update-slot-type': { localeId: string; name: string };
  'create-intent': { localeId: string; name: string; slots: LexSlotChanges; updateIntent: boolean };
  'update-intent': { localeId: string; name: string; slots: LexSlotChanges; updateIntent: boolean };
  'delete-intent': { localeId: string; name: string };
  'delete-slot-type': { localeId: string; name: string };
  'build-locale': { localeId: string };
  'create-version': {};
  /** `botVersion`: an existing version; none: the one this deploy makes. */
  'create-alias': { aliasName: string; botVersion?: string };
  'update-alias': { aliasName: string; botVersion?: string };
}

/** One change, in the order a deploy makes them; `description` is the line the plan prints. */
export type LexDeployStep = { [Action in keyof StepFields]: { action: Action; description: string } & StepFields[Action] }[keyof StepFields];

export type LexDeployAction = LexDeployStep['action'];

export interface LexDeployPlan {
  botName: string;
  aliasName: string;
  lambdaArn?: string | undefined;
  roleArn?: string | undefined;
  /** sha256 of the content, and the version description that carries it. */
  contentHash: string;
  versionDescription: string;
  desired: LexBotState;
  deployed?: DeployedLexBot | undefined;
  /** Empty when the alias already serves the files. */
  steps: LexDeployStep[];
}

export interface PlanLexDeployOptions {
  /** Default `live`. */
  aliasName?: string;
  /** The alias's Lambda code hook, for every locale. */
  lambdaArn?: string;
  /** The bot's IAM role: needed to create the bot; a different one updates it. */
  roleArn?: string;
}

const fallbackSignature = 'AMAZON.FallbackIntent';
const isFallback = (state: LexIntentState) => state.intent.parentIntentSignature === fallbackSignature;

/** What a locale holds just after CreateBotLocale: the fallback intent, unconfigured. */
function freshLocale(desired: LexLocaleState): DeployedLexLocale {
  const fallback = { intentName: fallbackIntentName, description: fallbackIntentDescription, parentIntentSignature: fallbackSignature };
  return { locale: { localeId: desired.locale.localeId, nluIntentConfidenceThreshold: undefined }, status: 'NotBuilt', failureReasons: [], slotTypes: [], slotTypeIds: {}, intents: [{ intentId: '', intent: fallback, slots: [], slotPriorities: [], slotIds: {} }] };
}

/**
 * @example
 * const plan = planLexDeploy(lexApiState(archive), await readDeployedBot(lex, 'AcmeTelecom'))
 * for (const step of plan.steps) console.log(step.description)
 */
export function planLexDeploy(desired: LexBotState, deployed: DeployedLexBot | undefined, options: PlanLexDeployOptions = {}): LexDeployPlan {
  const botName = desired.bot.botName;
  const aliasName = options.aliasName ?? 'live';
  const contentHash = lexContentHash(desired);
  const description = versionDescription(contentHash);
  const steps: LexDeployStep[] = [];
  if (!deployed) steps.push({ action: 'create-bot', description: `create bot ${botName}` });
  else {
    const changed = changedFields(desired.bot, deployed.bot, botFields, ['botName']);
    if (options.roleArn !== undefined && options.roleArn !== deployed.roleArn) changed.push('role');
    if (changed.length > 0) steps.push({ action: 'update-bot', description: `update bot ${botName}: ${changed.join(', ')}` });
  }
  const builds: LexDeployStep[] = [];
  for (const locale of desired.locales) {
    const current = deployed?.locales.find((item) => item.locale.localeId === locale.locale.localeId);
    const contentSteps = planLocale(locale, current);
    steps.push(...contentSteps);
    if (contentSteps.length > 0 || current?.status !== 'Built') builds.push({ action: 'build-locale', localeId: locale.locale.localeId, description: `build locale ${locale.locale.localeId}` });
  }
  steps.push(...builds);
  const existing = deployed?.versions.filter((version) => version.description === description && version.status !== 'Failed' && version.status !== 'Deleting').at(-1);
  if (!existing) steps.push({ action: 'create-version', description: 'create version' });
  const alias = planAlias(desired, deployed?.alias, existing?.botVersion, aliasName, options.lambdaArn);
  if (alias) steps.push(alias);
  return { botName, aliasName, lambdaArn: options.lambdaArn, roleArn: options.roleArn, contentHash, versionDescription: description, desired, deployed, steps };
}

function planLocale(desired: LexLocaleState, deployed: DeployedLexLocale | undefined): LexDeployStep[] {
  const localeId = desired.locale.localeId;
  const steps: LexDeployStep[] = [];
  if (!deployed) steps.push({ action: 'create-locale', localeId, description: `create locale ${localeId}` });
  else {
    // Without a voice in the files, whatever voice the service or the console gave the locale stays.
    const changed = changedFields(desired.locale, deployed.locale, localeFields, ['localeId', ...(desired.locale.voiceSettings ? [] : ['voiceSettings'])]);
    if (changed.length > 0) steps.push({ action: 'update-locale', localeId, description: `update locale ${localeId}: ${changed.join(', ')}` });
  }
  const current = deployed ?? freshLocale(desired);
  for (const slotType of desired.slotTypes) {
    const name = slotType.slotTypeName;
    const found = current.slotTypes.find((item) => item.slotTypeName === name);
    const values = slotType.slotTypeValues ? `${slotType.slotTypeValues.length} values` : `pattern on ${slotType.parentSlotTypeSignature ?? 'a built-in'}`;
    if (!found) steps.push({ action: 'create-slot-type', localeId, name, description: `create slot type ${name} (${values})` });
    else if (!sameFields(comparableSlotType(slotType), comparableSlotType(found))) {
      steps.push({ action: 'update-slot-type', localeId, name, description: `update slot type ${name}: ${describeSlotTypeChange(slotType, found)}` });
    }
  }
  const matched = new Set<string>();
  for (const intent of desired.intents) {
    const name = intent.intent.intentName;
    const found = current.intents.find((item) => item.intent.intentName === name) ?? (isFallback(intent) ? current.intents.find(isFallback) : undefined);
    if (found) matched.add(found.intent.intentName);
    if (!found) {
      const slots = { create: intent.slots.map((slot) => slot.slotName), update: [], delete: [] };
      const utterances = intent.intent.sampleUtterances?.length ?? 0;
      const parts = [`${utterances} utterance${utterances === 1 ? '' : 's'}`, ...(slots.create.length > 0 ? [`${slots.create.length === 1 ? 'slot' : 'slots'} ${slots.create.join(', ')}`] : [])];
      steps.push({ action: 'create-intent', localeId, name, slots, updateIntent: slots.create.length > 0, description: `create intent ${name} (${parts.join('; ')})` });
    } else if (!sameFields(comparableIntent(intent), comparableIntent(found))) {
      const slots = slotChanges(intent, found);
      const updateIntent = !sameFields(comparableIntent({ ...intent, slots: [] }), comparableIntent({ ...found, slots: [] }));
      steps.push({ action: 'update-intent', localeId, name, slots, updateIntent, description: `update intent ${name}: ${describeIntentChange(intent, found, slots)}` });
    }
  }
  const lexOnly = new Set(desired.lexOnlyIntents ?? []);
  for (const intent of current.intents) {
    const name = intent.intent.intentName;
    if (!matched.has(name) && !isFallback(intent) && !lexOnly.has(name ?? '')) steps.push({ action: 'delete-intent', localeId, name, description: `delete intent ${name}` });
  }
  const wantedTypes = new Set(desired.slotTypes.map((slotType) => slotType.slotTypeName));
  for (const slotType of current.slotTypes) {
    if (!wantedTypes.has(slotType.slotTypeName)) steps.push({ action: 'delete-slot-type', localeId, name: slotType.slotTypeName, description: `delete slot type ${slotType.slotTypeName}` });
  }
  return steps;
}

function planAlias(desired: LexBotState, alias: DeployedLexAlias | undefined, existingVersion: string | undefined, aliasName: string, lambdaArn: string | undefined): LexDeployStep | undefined {
  const where = existingVersion === undefined ? 'the new version' : `version ${existingVersion}`;
  const botVersion = existingVersion === undefined ? {} : { botVersion: existingVersion };
  if (!alias) return { action: 'create-alias', aliasName, ...botVersion, description: `create alias ${aliasName} on ${where}${lambdaArn ? ' with the Lambda code hook' : ''}` };
  const hookMatches = lambdaArn === undefined || desired.locales.every(({ locale }) => {
    const setting = alias.botAliasLocaleSettings?.[locale.localeId];
    const hook = setting?.codeHookSpecification?.lambdaCodeHook;
    return setting?.enabled === true && hook?.lambdaARN === lambdaArn && hook.codeHookInterfaceVersion === '1.0';
  });
  if (existingVersion !== undefined && alias.botVersion === existingVersion) {
    return hookMatches ? undefined : { action: 'update-alias', aliasName, ...botVersion, description: `set the Lambda code hook of alias ${aliasName}` };
  }
  return { action: 'update-alias', aliasName, ...botVersion, description: `move alias ${aliasName} to ${where}${hookMatches ? '' : ' and set its Lambda code hook'}` };
}
