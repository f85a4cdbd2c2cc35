/**
 * The text of the Lambda bundle's entry: the bot module, and the handler of the chosen kind (HTTP, the
 * Lex V2 code hook or the Connect flow function) made from it with the files `parley lambda build`
 * writes beside the bundle.
 */
import { lambdaHandlers, type LambdaHandlerKind } from '../../src/runtime/lambda/lambda-handler-kinds.js';

/** What the bundle's folder holds besides its code, read at run time. */
export const bundleFiles = {
  /** The bot's intent files, copied: a cold start reads their bytes for the model's key, and parses none. */
  intents: 'intents',
  /** The model artefact trained from them: a cold start loads it instead of training. */
  model: 'model',
  /** The web chat page's files (the HTTP handler's only). */
  publicDirectory: 'public',
  /**
   * Names the package and its version, which the SDK reads at run time (the model artefact's key
   * holds the version): a bundle has no node_modules/parley-sdk/package.json to find.
   */
  packageJson: 'package.json',
} as const;

export interface LambdaEntryOptions {
  /** Which handler the bundle exports (default `http`). */
  handler?: LambdaHandlerKind;
  /** Absolute path of the bot module. */
  botModule: string;
  /** Whether the bot is the module's default export (else its export named `bot`). */
  defaultExport: boolean;
  /** Whether the bot's intents are files (copied into the bundle), rather than a model in its code. */
  intentFiles: boolean;
  /** Whether the module has the handler kind's options export (`connectFlow`), whose properties are passed to the factory. */
  optionsExport?: boolean;
}

/**
 * @example
 * lambdaEntry({ handler: 'connect-flow', botModule: '/srv/my-bot/bot.ts', defaultExport: true, intentFiles: true, optionsExport: true })
 */
export function lambdaEntry({ handler = 'http', botModule, defaultExport, intentFiles, optionsExport = false }: LambdaEntryOptions): string {
  const { module, factory } = lambdaHandlers[handler];
  const optionsName = optionsExport ? lambdaHandlers[handler].optionsExport : undefined;
  const besideBundle = (name: string) => `new URL(${JSON.stringify(`./${name}/`)}, import.meta.url)`;
  const definition = intentFiles ? `{ ...bot, intents: ${besideBundle(bundleFiles.intents)} }` : 'bot';
  const named = [defaultExport ? undefined : 'bot', optionsName].filter(Boolean);
  const imported = [defaultExport ? 'bot' : undefined, named.length > 0 ? `{ ${named.join(', ')} }` : undefined].filter(Boolean).join(', ');
  const options = [
    optionsName && `...${optionsName}`,
    `modelDirectory: ${besideBundle(bundleFiles.model)}`,
    handler === 'http' ? `publicDirectory: ${besideBundle(bundleFiles.publicDirectory)}` : undefined,
  ].filter(Boolean);
  return [
    `import { ${factory} } from '${module}';`,
    `import ${imported} from ${JSON.stringify(botModule)};`,
    ``,
    `export const handler = ${factory}(${definition}, { ${options.join(', ')} });`,
    // In the function's init phase: a start that cannot work (a missing table) fails the init, with its reason in the log.
    `await handler.ready();`,
    ``,
  ].join('\n');
}
