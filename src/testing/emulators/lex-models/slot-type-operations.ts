/** Slot types of a locale: create, describe, update (a full replacement, answered 202), list, delete. */
import type { DescribeSlotTypeResponse, ListSlotTypesResponse, SlotTypeCategory, SlotTypeSummary } from '@aws-sdk/client-lex-models-v2';
import { listPage } from './models-list.js';
import { botOf, changed, localeOf, writableLocale, type LexModelsStore, type SlotTypeSettings, type StoredLocale, type StoredSlotType } from './models-store.js';
import { checkPath, checkRequest } from './models-validation.js';
import { conflict, deleteOfMissing, notFound, preconditionFailed, seconds, type ModelsRoute, type Wire } from './models-wire.js';

const slotTypes = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/slottypes';
const oneSlotType = `${slotTypes}/{slotTypeId}`;

function checkSlotTypeBody(body: Record<string, unknown>): SlotTypeSettings {
  checkRequest((check) => {
    check.name('slotTypeName', body.slotTypeName);
    check.text('description', body.description, { max: 200 });
    check.list('slotTypeValues', body.slotTypeValues, 1, 10000).forEach((item, index) => {
      const { sampleValue, synonyms } = item as { sampleValue?: { value?: unknown }; synonyms?: unknown };
      const field = `slotTypeValues.${index + 1}.member`;
      if (check.required(`${field}.sampleValue.value`, sampleValue?.value)) check.text(`${field}.sampleValue.value`, sampleValue?.value, { min: 1, max: 140 });
      check.list(`${field}.synonyms`, synonyms, 1, 10000).forEach((synonym, at) => check.text(`${field}.synonyms.${at + 1}.member.value`, (synonym as { value?: unknown }).value ?? null, { min: 1, max: 140 }));
    });
    const selection = body.valueSelectionSetting as { resolutionStrategy?: unknown; regexFilter?: { pattern?: unknown } } | undefined;
    // The model leaves it optional for composite and grammar types; a type of values cannot do without it.
    if (!body.compositeSlotTypeSetting && !body.externalSourceSetting) check.required('valueSelectionSetting', selection);
    if (selection !== undefined) {
      if (check.required('valueSelectionSetting.resolutionStrategy', selection.resolutionStrategy)) {
        check.oneOf('valueSelectionSetting.resolutionStrategy', selection.resolutionStrategy, ['OriginalValue', 'TopResolution', 'Concatenation']);
      }
      if (selection.regexFilter !== undefined) check.text('valueSelectionSetting.regexFilter.pattern', selection.regexFilter.pattern ?? null, { min: 1, max: 300 });
    }
    check.oneOf('parentSlotTypeSignature', body.parentSlotTypeSignature, ['AMAZON.AlphaNumeric']);
  });
  return body as unknown as SlotTypeSettings;
}

function assertNameFree(locale: StoredLocale, name: string, except?: string): void {
  for (const slotType of locale.slotTypes.values()) {
    if (slotType.slotTypeId !== except && slotType.settings.slotTypeName === name) throw conflict(`A slot type named ${name} already exists in locale ${locale.localeId} (id ${slotType.slotTypeId}).`);
  }
}

export function describeSlotType(params: Record<string, string>, slotType: StoredSlotType): Wire<DescribeSlotTypeResponse> {
  return {
    slotTypeId: slotType.slotTypeId,
    ...slotType.settings,
    botId: params.botId!,
    botVersion: params.botVersion!,
    localeId: params.localeId!,
    creationDateTime: seconds(slotType.created),
    lastUpdatedDateTime: seconds(slotType.updated),
  };
}

function categoryOf({ settings }: StoredSlotType): SlotTypeCategory {
  if (settings.compositeSlotTypeSetting) return 'Composite';
  if (settings.externalSourceSetting) return 'ExternalGrammar';
  return settings.parentSlotTypeSignature ? 'Extended' : 'Custom';
}

function slotTypeOf(store: LexModelsStore, params: Record<string, string>): StoredSlotType {
  const locale = localeOf(botOf(store, params.botId!), params.botVersion!, params.localeId!);
  const slotType = locale.slotTypes.get(params.slotTypeId!);
  if (!slotType) throw notFound(`Could not find slot type with id ${params.slotTypeId} in locale ${locale.localeId}`);
  return slotType;
}

export const slotTypeRoutes: ModelsRoute[] = [
  {
    operation: 'CreateSlotType',
    method: 'PUT',
    path: slotTypes,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      const settings = checkSlotTypeBody(body);
      const locale = writableLocale(store, params);
      assertNameFree(locale, settings.slotTypeName);
      const now = store.now();
      const slotType: StoredSlotType = { slotTypeId: store.newId(), settings, created: now, updated: now };
      locale.slotTypes.set(slotType.slotTypeId, slotType);
      changed(store, locale);
      const { lastUpdatedDateTime: _updated, ...answer } = describeSlotType(params, slotType);
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DescribeSlotType',
    method: 'GET',
    path: oneSlotType,
    handler({ params }, store) {
      checkPath(params);
      return { status: 200, body: describeSlotType(params, slotTypeOf(store, params)) };
    },
  },
  {
    operation: 'UpdateSlotType',
    method: 'PUT',
    path: oneSlotType,
    handler({ params, body }, store) {
      checkPath(params, 'draft');
      const settings = checkSlotTypeBody(body);
      const locale = writableLocale(store, params);
      const slotType = slotTypeOf(store, params);
      assertNameFree(locale, settings.slotTypeName, slotType.slotTypeId);
      slotType.settings = settings;
      slotType.updated = store.now();
      changed(store, locale);
      return { status: 202, body: describeSlotType(params, slotType) };
    },
  },
  {
    operation: 'ListSlotTypes',
    method: 'POST',
    path: slotTypes,
    handler({ params, body }, store) {
      checkPath(params);
      const locale = localeOf(botOf(store, params.botId!), params.botVersion!, params.localeId!);
      const { page, nextToken } = listPage([...locale.slotTypes.values()], body, {
        filters: { SlotTypeName: (slotType) => slotType.settings.slotTypeName, ExternalSourceType: (slotType) => (slotType.settings.externalSourceSetting ? 'S3' : undefined) },
        sorts: { SlotTypeName: (slotType) => slotType.settings.slotTypeName, LastUpdatedDateTime: (slotType) => slotType.updated },
      });
      const summaries = page.map(
        (slotType): Wire<SlotTypeSummary> => ({
          slotTypeId: slotType.slotTypeId,
          slotTypeName: slotType.settings.slotTypeName,
          description: slotType.settings.description,
          parentSlotTypeSignature: slotType.settings.parentSlotTypeSignature,
          lastUpdatedDateTime: seconds(slotType.updated),
          slotTypeCategory: categoryOf(slotType),
        }),
      );
      const answer: Wire<ListSlotTypesResponse> = { botId: params.botId!, botVersion: params.botVersion!, localeId: locale.localeId, slotTypeSummaries: summaries, ...(nextToken ? { nextToken } : {}) };
      return { status: 200, body: answer };
    },
  },
  {
    operation: 'DeleteSlotType',
    method: 'DELETE',
    path: oneSlotType,
    handler({ params, query }, store) {
      checkPath(params, 'draft');
      const locale = store.bots.get(params.botId!)?.draft.get(params.localeId!);
      if (!locale?.slotTypes.has(params.slotTypeId!)) throw deleteOfMissing();
      writableLocale(store, params);
      const users = [...locale.intents.values()].flatMap((intent) =>
        [...intent.slots.values()].filter((slot) => slot.settings.slotTypeId === params.slotTypeId).map((slot) => `slot ${slot.settings.slotName} of intent ${intent.settings.intentName}`),
      );
      if (users.length > 0 && query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(`Slot type ${params.slotTypeId} is in use by ${users.join(', ')}. Change or delete those slots first, or set skipResourceInUseCheck to true.`);
      }
      locale.slotTypes.delete(params.slotTypeId!);
      changed(store, locale);
      return { status: 204 };
    },
  },
];
