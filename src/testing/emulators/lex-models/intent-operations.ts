/**
 * Intents of a locale. CreateIntent has no `slotPriorities` member; UpdateIntent replaces the whole
 * intent, slot priorities included (they must name slots of that intent). The FallbackIntent every
 * locale has cannot be deleted, take utterances or slots, or stop being the fallback.
 */
import type { DescribeIntentResponse, IntentSummary, ListIntentsResponse, SlotPriority } from '@aws-sdk/client-lex-models-v2';
import { builtInIntents, fallbackIntent } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, changed, intentOf, localeOf, writableLocale, type IntentSettings, type StoredIntent, type StoredLocale } from './models-store.js';
import { checkPath, checkPrompt, checkRequest, type Checker } from './models-validation.js';
import { conflict, deleteOfMissing, preconditionFailed, seconds, validationFailed, type ModelsRoute, type Wire } from './models-wire.js';

const intents = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/intents';
const oneIntent = `${intents}/{intentId}`;

function checkIntentBody(check: Checker, body: Record<string, unknown>): void {
  check.name('intentName', body.intentName);
  check.text('description', body.description, { max: 200 });
  check.oneOf('parentIntentSignature', body.parentIntentSignature, builtInIntents);
  check.list('sampleUtterances', body.sampleUtterances, 0, 1500).forEach((item, index) => {
    const utterance = (item as { utterance?: unknown }).utterance;
    if (check.required(`sampleUtterances.${index + 1}.member.utterance`, utterance)) check.text(`sampleUtterances.${index + 1}.member.utterance`, utterance, { min: 1, max: 500 });
  });
  for (const hook of ['dialogCodeHook', 'fulfillmentCodeHook'] as const) {
    const setting = body[hook] as { enabled?: unknown } | undefined;
    if (setting !== undefined && check.required(`${hook}.enabled`, setting.enabled)) check.boolean(`${hook}.enabled`, setting.enabled);
  }
  const confirmation = body.intentConfirmationSetting as { promptSpecification?: unknown } | undefined;
  if (confirmation !== undefined && check.required('intentConfirmationSetting.promptSpecification', confirmation.promptSpecification)) {
    checkPrompt(check, 'intentConfirmationSetting.promptSpecification', confirmation.promptSpecification);
  }
  check.list('inputContexts', body.inputContexts, 0, 5).forEach((context, index) => check.name(`inputContexts.${index + 1}.member.name`, (context as { name?: unknown }).name));
  check.list('outputContexts', body.outputContexts, 0, 10).forEach((context, index) => {
    const { name, timeToLiveInSeconds, turnsToLive } = context as Record<string, unknown>;
    const field = `outputContexts.${index + 1}.member`;
    check.name(`${field}.name`, name);
    if (check.required(`${field}.timeToLiveInSeconds`, timeToLiveInSeconds)) check.number(`${field}.timeToLiveInSeconds`, timeToLiveInSeconds, 5, 86400);
    if (check.required(`${field}.turnsToLive`, turnsToLive)) check.number(`${field}.turnsToLive`, turnsToLive, 1, 20);
  });
}

/** What built-in intents allow: no utterances, and one fallback per locale that stays one. */
function checkBuiltIn(locale: StoredLocale, settings: IntentSettings, intentId?: string): void {
  const isFallback = intentId === fallbackIntent.intentId;
  if (isFallback && settings.parentIntentSignature !== fallbackIntent.parentIntentSignature) {
    throw validationFailed(`The fallback intent must keep parentIntentSignature ${fallbackIntent.parentIntentSignature}.`);
  }
  if (settings.parentIntentSignature && settings.sampleUtterances?.length) {
    throw validationFailed(`Intent ${settings.intentName} is built on ${settings.parentIntentSignature}: built-in intents cannot have sample utterances.`);
  }
  if (!isFallback && settings.parentIntentSignature === fallbackIntent.parentIntentSignature && locale.intents.has(fallbackIntent.intentId)) {
    throw conflict(`Locale ${locale.localeId} already has a fallback intent (${fallbackIntent.intentId}).`);
  }
  for (const intent of locale.intents.values()) {
    if (intent.intentId !== intentId && intent.settings.intentName === settings.intentName) throw conflict(`An intent named ${settings.intentName} already exists in locale ${locale.localeId} (id ${intent.intentId}).`);
  }
}

function checkPriorities(intent: StoredIntent, priorities: SlotPriority[]): void {
  checkRequest((check) =>
    priorities.forEach(({ priority, slotId }, index) => {
      if (check.required(`slotPriorities.${index + 1}.member.priority`, priority)) check.number(`slotPriorities.${index + 1}.member.priority`, priority, 0, 100);
      check.required(`slotPriorities.${index + 1}.member.slotId`, slotId);
    }),
  );
  const seen = new Set<string>();
  for (const { slotId = '' } of priorities) {
    if (seen.has(slotId)) throw validationFailed(`Slot ${slotId} is listed twice in slotPriorities.`);
    seen.add(slotId);
    if (!intent.slots.has(slotId)) throw preconditionFailed(`slotPriorities names slot ${slotId}, which intent ${intent.intentId} does not have.`);
  }
}

export function describeIntent(params: Record<string, string>, intent: StoredIntent): Wire<DescribeIntentResponse> {
  return {
    intentId: intent.intentId,
    ...intent.settings,
    slotPriorities: intent.settings.slotPriorities ?? [],
    botId: params.botId!,
    botVersion: params.botVersion!,
    localeId: params.localeId!,
    creationDateTime: seconds(intent.created),
    lastUpdatedDateTime: seconds(intent.updated),
  };
}

export const intentRoutes: ModelsRoute[] = [
  {
    operation: 'CreateIntent',
    method: 'PUT',
    path: intents,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      checkRequest((check) => checkIntentBody(check, body));
      // Not a member of CreateIntent: the SDK never sends it, and the service ignores unknown members.
      const { slotPriorities: _ignored, ...settings } = body as unknown as IntentSettings;
      const locale = writableLocale(store, params);
      checkBuiltIn(locale, settings);
      const now = store.now();
      const intent: StoredIntent = { intentId: store.newId(), settings: { ...settings, slotPriorities: [] }, slots: new Map(), created: now, updated: now };
      locale.intents.set(intent.intentId, intent);
      changed(store, locale);
      const { lastUpdatedDateTime: _updated, slotPriorities: _priorities, ...answer } = describeIntent(params, intent);
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DescribeIntent',
    method: 'GET',
    path: oneIntent,
    handler({ params }, store) {
      checkPath(params);
      const locale = localeOf(botOf(store, params.botId!), params.botVersion!, params.localeId!);
      return { status: 200, body: describeIntent(params, intentOf(locale, params.intentId!)) };
    },
  },
  {
    operation: 'UpdateIntent',
    method: 'PUT',
    path: oneIntent,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      checkRequest((check) => {
        checkIntentBody(check, body);
        check.list('slotPriorities', body.slotPriorities, 0, 100);
      });
      const settings = body as unknown as IntentSettings;
      const locale = writableLocale(store, params);
      const intent = intentOf(locale, params.intentId!);
      checkBuiltIn(locale, settings, intent.intentId);
      checkPriorities(intent, settings.slotPriorities ?? []);
      intent.settings = { ...settings, slotPriorities: settings.slotPriorities ?? [] };
      intent.updated = store.now();
      changed(store, locale);
      return { status: 200, body: describeIntent(params, intent) };
    },
  },
  {
    operation: 'ListIntents',
    method: 'POST',
    path: intents,
    handler({ params, body }, store) {
      checkPath(params);
      const locale = localeOf(botOf(store, params.botId!), params.botVersion!, params.localeId!);
      const { page, nextToken } = listPage([...locale.intents.values()], body, {
        filters: { IntentName: (intent) => intent.settings.intentName },
        sorts: { IntentName: (intent) => intent.settings.intentName, LastUpdatedDateTime: (intent) => intent.updated },
      });
      const summaries = page.map((intent): Wire<IntentSummary> => {
        const { intentId, intentName, description, parentIntentSignature, inputContexts, outputContexts, lastUpdatedDateTime } = describeIntent(params, intent);
        return { intentId, intentName, description, parentIntentSignature, inputContexts, outputContexts, lastUpdatedDateTime };
      });
      const answer: Wire<ListIntentsResponse> = { botId: params.botId!, botVersion: params.botVersion!, localeId: locale.localeId, intentSummaries: summaries, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteIntent',
    method: 'DELETE',
    path: oneIntent,
    handler({ params }, store) {
      checkPath(params, 'draft');
      const locale = store.bots.get(params.botId!)?.draft.get(params.localeId!);
      if (!locale?.intents.has(params.intentId!)) throw deleteOfMissing();
      if (params.intentId === fallbackIntent.intentId) throw validationFailed('The fallback intent of a locale cannot be deleted.');
      writableLocale(store, params);
      locale.intents.delete(params.intentId!);
      changed(store, locale);
      return { status: 204 };
    },
  },
];
