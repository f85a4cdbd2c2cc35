// Checks of intent files beyond what the loader refuses: `parley intents lint`.
export { lintIntents, type LintOptions, type LintReport } from './lint-intents.js';
export type { LintFinding, Severity } from './finding.js';
export { formatReport, lintFormats, type LintFormat } from './format-findings.js';
export { checkTargetLimits, cluLimits, lexLimits, targets, type Target } from './target-limits.js';
