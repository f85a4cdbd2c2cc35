/** The intent model as an Azure CLU conversation project: the file `:import` takes. */
import type { IntentModel, LocaleModel } from '../../src/content/intent-model.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { compileEntities } from './clu-entities.js';
import { cluLabelPattern, cluLanguageOf, cluNameProblem } from './clu-names.js';
import { cluProjectFileVersion, type CluProject } from './clu-project.js';
import { compileUtterances } from './clu-utterances.js';

export interface CompileCluOptions {
  /** The CLU project's name: letters, digits, `_ . -`, at most 50 characters. */
  projectName: string;
  description?: string;
  /** Under this score CLU answers `None` (the project's `settings.confidenceThreshold`). Default 0. */
  confidenceThreshold?: number;
  /** The locales to compile, the primary one first. Default: every locale of the model, in its order. */
  locales?: string[];
}

/** CLU's out-of-scope intent: every project has it. */
export const noneIntent = 'None';

/**
 * Compiles the intent model to a CLU project: intents (and `None`), an entity per slot name (see
 * compileEntities), and the sample utterances labelled with UTF-16 offsets. Several locales make a
 * multilingual project whose language is the first locale's, each utterance naming its own.
 * The same model and options always give the same project, byte for byte.
 *
 * @example
 * const project = compileCluProject(await loadIntents('intents'), { projectName: 'Parley' });
 * await writeFile('parley.clu.json', JSON.stringify(project, null, 2));
 */
export function compileCluProject(model: IntentModel, options: CompileCluOptions): CluProject {
  if (!cluLabelPattern.test(options.projectName)) {
    throw new ConfigurationError('projectName', `"${options.projectName}" is not a CLU project name: use letters, digits and _ . - (at most 50 characters)`);
  }
  const threshold = options.confidenceThreshold ?? 0;
  if (!(threshold >= 0 && threshold <= 1)) throw new ConfigurationError('confidenceThreshold', `must be between 0 and 1 (got ${threshold})`);
  const locales = chosenLocales(model, options.locales);
  const multilingual = locales.length > 1;
  const intents = unique(locales.flatMap((locale) => locale.intents.map((intent) => intent.name))).filter((name) => name !== noneIntent);
  const entities = compileEntities(locales);
  for (const name of [...intents, ...entities.map((entity) => entity.category)]) {
    const problem = cluNameProblem(name);
    if (problem) throw new ConfigurationError(`intents (${name})`, `the name ${name} ${problem}; rename it in the intent files`);
  }
  return {
    projectFileVersion: cluProjectFileVersion,
    stringIndexType: 'Utf16CodeUnit',
    metadata: {
      projectKind: 'Conversation',
      projectName: options.projectName,
      language: cluLanguageOf(locales[0]!.locale),
      multilingual,
      description: options.description ?? '',
      settings: { confidenceThreshold: threshold },
    },
    assets: {
      projectKind: 'Conversation',
      intents: [...intents, noneIntent].map((category) => ({ category })),
      entities,
      utterances: compileUtterances(locales, multilingual),
    },
  };
}

/**
 * What of the model a CLU project does not carry: the Lex intents kept for the Lex build only (a Q in
 * Connect or Kendra intent in `lex-passthrough/`). Everything else the project has, or (prompts, the
 * `lex:` blocks) needs no place in CLU, which only understands.
 *
 * @example
 * cluCompileLosses(model, { projectName: 'Parley' }) // ['en-US: AmazonQinConnect (AMAZON.QInConnectIntent) is a Lex-only intent, not in the project']
 */
export function cluCompileLosses(model: IntentModel, options: Pick<CompileCluOptions, 'locales'> = {}): string[] {
  return chosenLocales(model, options.locales).flatMap((locale) =>
    (locale.lexPassthrough ?? []).map((entry) => `${locale.locale}: ${entry.name} (${String(entry.intent.parentIntentSignature)}) is a Lex-only intent, not in the project`),
  );
}

function chosenLocales(model: IntentModel, wanted: string[] | undefined): LocaleModel[] {
  const available = Object.keys(model.locales);
  if (available.length === 0) throw new ConfigurationError('intents', 'the model has no locale: there is nothing to compile');
  if (!wanted || wanted.length === 0) return available.map((locale) => model.locales[locale]!);
  return unique(wanted).map((locale) => {
    const found = available.find((known) => known.toLowerCase() === locale.toLowerCase());
    if (!found) throw new ConfigurationError('locales', `${locale} is not a locale of the intent files (${available.join(', ')})`);
    return model.locales[found]!;
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
