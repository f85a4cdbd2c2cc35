/** The lint report as text for people, JSON for tools, or GitHub Actions workflow commands. */
import type { LintFinding } from './finding.js';
import type { LintReport } from './lint-intents.js';

export type LintFormat = 'text' | 'json' | 'github';
export const lintFormats: readonly LintFormat[] = ['text', 'json', 'github'];

export function formatReport(report: LintReport, format: LintFormat): string {
  if (format === 'json') {
    return JSON.stringify({ errors: report.errors, warnings: report.warnings, findings: report.findings }, null, 2);
  }
  const lines = report.findings.map(format === 'github' ? githubLine : textLine);
  lines.push(summary(report));
  return lines.join('\n');
}

function textLine(item: LintFinding): string {
  const head = `${item.file}:${item.line}:${item.column}: ${item.severity}: ${item.message} [${item.rule}]`;
  return item.hint ? `${head}\n    hint: ${item.hint}` : head;
}

/** `::warning file=…,line=…,col=…,title=…::message`, escaped as the runner expects. */
function githubLine(item: LintFinding): string {
  const message = item.hint ? `${item.message}\n${item.hint}` : item.message;
  const properties = [`file=${property(item.file)}`, `line=${item.line}`, `col=${item.column}`, `title=${property(`parley ${item.rule}`)}`];
  return `::${item.severity} ${properties.join(',')}::${data(message)}`;
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function summary(report: LintReport): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`;
}
