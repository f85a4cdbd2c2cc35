/** Where each file of a Lex V2 export lives inside the archive. */

export const manifestPath = 'Manifest.json';

export function botPath(botName: string): string {
  return `${botName}/Bot.json`;
}

export function localeFolder(botName: string, localeId: string): string {
  return `${botName}/BotLocales/${localeId}`;
}

export function botLocalePath(botName: string, localeId: string): string {
  return `${localeFolder(botName, localeId)}/BotLocale.json`;
}

export function intentPath(botName: string, localeId: string, intentName: string): string {
  return `${localeFolder(botName, localeId)}/Intents/${intentName}/Intent.json`;
}

export function slotPath(botName: string, localeId: string, intentName: string, slotName: string): string {
  return `${localeFolder(botName, localeId)}/Intents/${intentName}/Slots/${slotName}/Slot.json`;
}

export function slotTypePath(botName: string, localeId: string, slotTypeName: string): string {
  return `${localeFolder(botName, localeId)}/SlotTypes/${slotTypeName}/SlotType.json`;
}
