/** What compiling collects on the way: problems that stop it, and what Lex will not carry. */
import type { IntentFileProblem, SourcePosition } from '../../src/core/errors.js';
import type { LossItem } from './lex-archive-types.js';

export interface CompileContext {
  problems: IntentFileProblem[];
  losses: LossItem[];
}

/** The file being written and where its content came from. */
export interface CompileSite {
  file: string;
  source?: SourcePosition | undefined;
}

const unknownSource: SourcePosition = { file: '(intent model)', line: 1, column: 1 };

/** Stops the compile: the model holds something Lex cannot take. */
export function refuse(context: CompileContext, site: CompileSite, message: string, hint?: string): void {
  const at = site.source ?? unknownSource;
  context.problems.push(hint === undefined ? { ...at, message } : { ...at, message, hint });
}

/** Notes something the archive does not carry (Parley, as the code hook, still has it). */
export function lose(context: CompileContext, site: CompileSite, path: string, kind: string, message: string): void {
  context.losses.push({ file: site.file, path, kind, message });
}
