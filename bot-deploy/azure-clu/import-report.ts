/** What an import could not carry into the intent model, item by item: never a silent loss. */

export type LossKind = 'project' | 'intent' | 'entity' | 'utterance';

export interface LossItem {
  kind: LossKind;
  /** The intent or entity name, or the utterance text, the item is about. */
  subject: string;
  /** Where in the project file: `assets.utterances[12].entities[0]`. */
  path: string;
  message: string;
}

export type LossReport = LossItem[];

/**
 * The report as lines for people.
 *
 * @example
 * console.log(formatLossReport(imported.report)); // '  entity Date (assets.entities[3]): compositionSetting …'
 */
export function formatLossReport(report: readonly LossItem[]): string {
  return report.map((item) => `  ${item.kind} ${item.subject} (${item.path}): ${item.message}`).join('\n');
}
