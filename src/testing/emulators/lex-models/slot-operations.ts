/**
 * Slots of an intent. A slot's type is a built-in (`AMAZON.Date`) or the id of a custom slot type
 * of the same locale; a slot that takes several values must be of a custom type in en_US, as the
 * service requires. A new slot is added at the end of its intent's slot priorities, as the service
 * does; deleting one takes it out of them.
 */
import type { DescribeSlotResponse, ListSlotsResponse, SlotSummary } from '@aws-sdk/client-lex-models-v2';
import { lexMultipleValuesRefusal } from '../../../../bot-deploy/lex-v2/lex-multiple-values.js';
import { builtInSlotTypes } from './lex-catalog.js';
import { listPage } from './models-list.js';
import { botOf, changed, intentOf, localeOf, writableLocale, type LexModelsStore, type SlotSettings, type StoredIntent, type StoredLocale, type StoredSlot } from './models-store.js';
import { checkPath, checkPrompt, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, notFound, preconditionFailed, seconds, validationFailed, type ModelsRoute, type Wire } from './models-wire.js';

const slots = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/intents/{intentId}/slots';
const oneSlot = `${slots}/{slotId}`;

function checkSlotBody(body: Record<string, unknown>): SlotSettings {
  checkRequest((check) => {
    check.name('slotName', body.slotName);
    check.text('description', body.description, { max: 200 });
    check.text('slotTypeId', body.slotTypeId, { min: 1, max: 25 });
    if (body.slotTypeId === undefined && body.subSlotSetting === undefined) check.required('slotTypeId', body.slotTypeId);
    const elicitation = body.valueElicitationSetting as { slotConstraint?: unknown; promptSpecification?: unknown } | undefined;
    if (check.required('valueElicitationSetting', elicitation)) {
      if (check.required('valueElicitationSetting.slotConstraint', elicitation!.slotConstraint)) check.oneOf('valueElicitationSetting.slotConstraint', elicitation!.slotConstraint, ['Required', 'Optional']);
      checkPrompt(check, 'valueElicitationSetting.promptSpecification', elicitation!.promptSpecification);
    }
    const obfuscation = body.obfuscationSetting as { obfuscationSettingType?: unknown } | undefined;
    if (obfuscation !== undefined && check.required('obfuscationSetting.obfuscationSettingType', obfuscation.obfuscationSettingType)) {
      check.oneOf('obfuscationSetting.obfuscationSettingType', obfuscation.obfuscationSettingType, ['None', 'DefaultObfuscation']);
    }
  });
  return body as unknown as SlotSettings;
}

/** The intent and locale a slot change goes to, with the slot's name and type checked against them. */
function target(store: LexModelsStore, params: Record<string, string>, settings: SlotSettings, slotId?: string): { locale: StoredLocale; intent: StoredIntent } {
  const locale = writableLocale(store, params);
  const intent = intentOf(locale, params.intentId!);
  if (intent.settings.parentIntentSignature) throw validationFailed(`Intent ${intent.settings.intentName} is built on ${intent.settings.parentIntentSignature}: built-in intents cannot have slots.`);
  const { slotTypeId } = settings;
  if (slotTypeId !== undefined && !(builtInSlotTypes as readonly string[]).includes(slotTypeId) && !locale.slotTypes.has(slotTypeId)) {
    throw preconditionFailed(`Slot type ${slotTypeId} does not exist in locale ${locale.localeId}: use the id of a slot type of that locale, or a built-in such as AMAZON.Date.`);
  }
  if (settings.multipleValuesSetting?.allowMultipleValues) {
    const refusal = lexMultipleValuesRefusal(locale.localeId, { customSlotType: slotTypeId !== undefined && locale.slotTypes.has(slotTypeId) });
    if (refusal) throw validationFailed(`Slot ${settings.slotName} cannot allow multiple values: ${refusal}.`);
  }
  for (const slot of intent.slots.values()) {
    if (slot.slotId !== slotId && slot.settings.slotName === settings.slotName) throw conflict(`A slot named ${settings.slotName} already exists in intent ${intent.settings.intentName} (id ${slot.slotId}).`);
  }
  return { locale, intent };
}

function slotOf(intent: StoredIntent, slotId: string): StoredSlot {
  const slot = intent.slots.get(slotId);
  if (!slot) throw notFound(`Could not find slot with id ${slotId} in intent ${intent.intentId}`);
  return slot;
}

export function describeSlot(params: Record<string, string>, slot: StoredSlot): Wire<DescribeSlotResponse> {
  return {
    slotId: slot.slotId,
    ...slot.settings,
    botId: params.botId!,
    botVersion: params.botVersion!,
    localeId: params.localeId!,
    intentId: params.intentId!,
    creationDateTime: seconds(slot.created),
    lastUpdatedDateTime: seconds(slot.updated),
  };
}

function readIntent(store: LexModelsStore, params: Record<string, string>): StoredIntent {
  return intentOf(localeOf(botOf(store, params.botId!), params.botVersion!, params.localeId!), params.intentId!);
}

export const slotRoutes: ModelsRoute[] = [
  {
    operation: 'CreateSlot',
    method: 'PUT',
    path: slots,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      const settings = checkSlotBody(body);
      const { locale, intent } = target(store, params, settings);
      const now = store.now();
      const slot: StoredSlot = { slotId: store.newId(), settings, created: now, updated: now };
      intent.slots.set(slot.slotId, slot);
      const priorities = intent.settings.slotPriorities ?? [];
      intent.settings.slotPriorities = [...priorities, { priority: Math.max(0, ...priorities.map((item) => item.priority ?? 0)) + 1, slotId: slot.slotId }];
      changed(store, locale);
      const { lastUpdatedDateTime: _updated, ...answer } = describeSlot(params, slot);
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DescribeSlot',
    method: 'GET',
    path: oneSlot,
    handler({ params }, store) {
      checkPath(params);
      return { status: 200, body: describeSlot(params, slotOf(readIntent(store, params), params.slotId!)) };
    },
  },
  {
    operation: 'UpdateSlot',
    method: 'PUT',
    path: oneSlot,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      const settings = checkSlotBody(body);
      const { locale, intent } = target(store, params, settings, params.slotId);
      const slot = slotOf(intent, params.slotId!);
      slot.settings = settings;
      slot.updated = store.now();
      changed(store, locale);
      return { status: 200, body: describeSlot(params, slot) };
    },
  },
  {
    operation: 'ListSlots',
    method: 'POST',
    path: slots,
    handler({ params, body }, store) {
      checkPath(params);
      const intent = readIntent(store, params);
      const { page, nextToken } = listPage([...intent.slots.values()], body, {
        filters: { SlotName: (slot) => slot.settings.slotName },
        sorts: { SlotName: (slot) => slot.settings.slotName, LastUpdatedDateTime: (slot) => slot.updated },
      });
      const summaries = page.map(
        ({ slotId, settings, updated }): Wire<SlotSummary> => ({
          slotId,
          slotName: settings.slotName,
          description: settings.description,
          slotConstraint: settings.valueElicitationSetting.slotConstraint,
          slotTypeId: settings.slotTypeId,
          valueElicitationPromptSpecification: settings.valueElicitationSetting.promptSpecification,
          lastUpdatedDateTime: seconds(updated),
        }),
      );
      const answer: Wire<ListSlotsResponse> = { botId: params.botId!, botVersion: params.botVersion!, localeId: params.localeId!, intentId: intent.intentId, slotSummaries: summaries, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteSlot',
    method: 'DELETE',
    path: oneSlot,
    handler({ params }, store) {
      checkPath(params, 'draft');
      const locale = store.bots.get(params.botId!)?.draft.get(params.localeId!);
      const intent = locale?.intents.get(params.intentId!);
      if (!locale || !intent?.slots.has(params.slotId!)) throw deleteOfMissing();
      writableLocale(store, params);
      intent.slots.delete(params.slotId!);
      intent.settings.slotPriorities = (intent.settings.slotPriorities ?? []).filter((priority) => priority.slotId !== params.slotId);
      changed(store, locale);
      return { status: 204 };
    },
  },
];
