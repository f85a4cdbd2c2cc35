/**
 * A locale's contents: slot types, then intents (created without slot priorities), their slots (which
 * need the intent's id and their custom slot type's id), then UpdateIntent with the priorities by
 * slot id — the only way to order slots, since CreateIntent has no `slotPriorities`.
 */
import { ProviderCallError } from '../../../src/core/errors.js';
import { createIntentInput, slotInput, slotTypeIdOf, updateIntentInput, type LexIntentState, type LexLocaleTarget, type LexSlotTypeInput } from './lex-api-shapes.js';
import { createOrFind, deleteIfThere, findIntentId, findSlotTypeId, listSlotIds, localeIds, write, type LexApplyContext, type LexIntentIds } from './lex-deploy-writes.js';
import { lexModelsProvider } from './lex-models-calls.js';
import type { LexDeployStep } from './plan-lex-deploy.js';

type Step<Action extends LexDeployStep['action']> = Extract<LexDeployStep, { action: Action }>;

function target(context: LexApplyContext, localeId: string): LexLocaleTarget {
  return { botId: context.botId, botVersion: 'DRAFT', localeId };
}

function desiredLocale(context: LexApplyContext, localeId: string) {
  const locale = context.plan.desired.locales.find((item) => item.locale.localeId === localeId);
  if (!locale) throw new Error(`the plan names locale ${localeId}, which the compiled bot does not have`);
  return locale;
}

export async function applySlotType(context: LexApplyContext, step: Step<'create-slot-type' | 'update-slot-type' | 'delete-slot-type'>): Promise<void> {
  const { client, sdk } = context.lex;
  const where = target(context, step.localeId);
  const ids = localeIds(context, step.localeId).slotTypeIds;
  let slotTypeId = ids.get(step.name) ?? (step.action === 'create-slot-type' ? undefined : await findSlotTypeId(context, step.localeId, step.name));
  if (step.action === 'delete-slot-type') {
    if (!slotTypeId) return;
    const id = slotTypeId;
    await deleteIfThere(context, 'DeleteSlotType', step.localeId, () => client.send(new sdk.DeleteSlotTypeCommand({ ...where, slotTypeId: id })), async () => (await findSlotTypeId(context, step.localeId, step.name)) !== undefined);
    ids.delete(step.name);
    return;
  }
  const body: LexSlotTypeInput = desiredLocale(context, step.localeId).slotTypes.find((slotType) => slotType.slotTypeName === step.name)!;
  let update = slotTypeId !== undefined;
  if (!slotTypeId) {
    const made = await createOrFind(
      context,
      'CreateSlotType',
      step.localeId,
      async () => (await client.send(new sdk.CreateSlotTypeCommand({ ...where, ...body }))).slotTypeId,
      () => findSlotTypeId(context, step.localeId, step.name),
    );
    slotTypeId = made.id;
    update = made.found;
  }
  ids.set(step.name, slotTypeId);
  const id = slotTypeId;
  if (update) await write(context, 'UpdateSlotType', step.localeId, () => client.send(new sdk.UpdateSlotTypeCommand({ ...where, slotTypeId: id, ...body })));
}

export async function applyIntent(context: LexApplyContext, step: Step<'create-intent' | 'update-intent'>): Promise<void> {
  const { client, sdk } = context.lex;
  const where = target(context, step.localeId);
  const ids = localeIds(context, step.localeId);
  const desired: LexIntentState = desiredLocale(context, step.localeId).intents.find((intent) => intent.intent.intentName === step.name)!;
  let entry = ids.intents.get(step.name);
  let adopted = false;
  if (!entry && step.action === 'update-intent') {
    // The fallback intent of a locale made by this deploy, or an id the plan did not know.
    const intentId = await findIntentId(context, step.localeId, step.name);
    if (intentId) entry = { intentId, slotIds: await listSlotIds(context, step.localeId, intentId) };
  }
  if (!entry) {
    const made = await createOrFind(
      context,
      'CreateIntent',
      step.localeId,
      async () => (await client.send(new sdk.CreateIntentCommand(createIntentInput(where, desired)))).intentId,
      () => findIntentId(context, step.localeId, step.name),
    );
    adopted = made.found;
    entry = { intentId: made.id, slotIds: made.found ? await listSlotIds(context, step.localeId, made.id) : new Map() };
  }
  ids.intents.set(step.name, entry);
  const wanted = new Set(desired.slots.map((slot) => slot.slotName));
  const changing = new Set([...step.slots.create, ...step.slots.update]);
  for (const slot of desired.slots) {
    if (changing.has(slot.slotName) || (adopted && wanted.has(slot.slotName))) await putSlot(context, step.localeId, entry, slot);
  }
  // Slots of an adopted intent that the files no longer have go too.
  const extra = [...entry.slotIds.keys()].filter((name) => !wanted.has(name));
  for (const name of new Set([...step.slots.delete, ...extra])) {
    const slotId = entry.slotIds.get(name);
    if (!slotId) continue;
    const intentId = entry.intentId;
    await deleteIfThere(context, 'DeleteSlot', step.localeId, () => client.send(new sdk.DeleteSlotCommand({ ...where, intentId, slotId })), async () => (await listSlotIds(context, step.localeId, intentId)).has(name));
    entry.slotIds.delete(name);
  }
  if (step.updateIntent || adopted) {
    const body = updateIntentInput(where, entry.intentId, desired, entry.slotIds);
    await write(context, 'UpdateIntent', step.localeId, () => client.send(new sdk.UpdateIntentCommand(body)));
  }
}

async function putSlot(context: LexApplyContext, localeId: string, entry: LexIntentIds, slot: LexIntentState['slots'][number]): Promise<void> {
  const { client, sdk } = context.lex;
  const slotTypeIds = localeIds(context, localeId).slotTypeIds;
  if (slotTypeIdOf(slot.slotTypeName, slotTypeIds) === undefined) {
    const found = await findSlotTypeId(context, localeId, slot.slotTypeName);
    if (!found) throw new ProviderCallError({ provider: lexModelsProvider, operation: 'CreateSlot', retryable: false, message: `slot ${slot.slotName} needs slot type ${slot.slotTypeName}, which locale ${localeId} does not have` });
    slotTypeIds.set(slot.slotTypeName, found);
  }
  const body = slotInput(target(context, localeId), entry.intentId, slot, slotTypeIds);
  let slotId = entry.slotIds.get(slot.slotName);
  if (!slotId) {
    const made = await createOrFind(
      context,
      'CreateSlot',
      localeId,
      async () => (await client.send(new sdk.CreateSlotCommand(body))).slotId,
      async () => (await listSlotIds(context, localeId, entry.intentId)).get(slot.slotName),
    );
    entry.slotIds.set(slot.slotName, made.id);
    if (!made.found) return;
    slotId = made.id;
  }
  const id = slotId;
  await write(context, 'UpdateSlot', localeId, () => client.send(new sdk.UpdateSlotCommand({ ...body, slotId: id })));
}

export async function deleteIntent(context: LexApplyContext, step: Step<'delete-intent'>): Promise<void> {
  const { client, sdk } = context.lex;
  const ids = localeIds(context, step.localeId).intents;
  const intentId = ids.get(step.name)?.intentId ?? (await findIntentId(context, step.localeId, step.name));
  if (!intentId) return;
  const where = target(context, step.localeId);
  await deleteIfThere(context, 'DeleteIntent', step.localeId, () => client.send(new sdk.DeleteIntentCommand({ ...where, intentId })), async () => (await findIntentId(context, step.localeId, step.name)) !== undefined);
  ids.delete(step.name);
}
