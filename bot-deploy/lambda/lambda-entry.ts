/**
 * The text of the Lambda bundle's entry: the bot module, and the HTTP handler made from it with the
 * files `parley lambda build` writes beside the bundle.
 */

/** What the bundle's folder holds besides its code, read at run time. */
export const bundleFiles = {
  /** The bot's intent files, copied: a cold start reads their bytes for the model's key, and parses none. */
  intents: 'intents',
  /** The model artefact trained from them: a cold start loads it instead of training. */
  model: 'model',
  /** The web chat page's files. */
  publicDirectory: 'public',
  /**
   * Names the package and its version, which the SDK reads at run time (the model artefact's key
   * holds the version): a bundle has no node_modules/parley-sdk/package.json to find.
   */
  packageJson: 'package.json',
} as const;

export interface LambdaEntryOptions {
  /** Absolute path of the bot module. */
  botModule: string;
  /** Whether the bot is the module's default export (else its export named `bot`). */
  defaultExport: boolean;
  /** Whether the bot's intents are files (copied into the bundle), rather than a model in its code. */
  intentFiles: boolean;
}

/**
 * @example
 * lambdaEntry({ botModule: '/srv/my-bot/bot.ts', defaultExport: true, intentFiles: true })
 */
export function lambdaEntry({ botModule, defaultExport, intentFiles }: LambdaEntryOptions): string {
  const besideBundle = (name: string) => `new URL(${JSON.stringify(`./${name}/`)}, import.meta.url)`;
  const definition = intentFiles ? `{ ...bot, intents: ${besideBundle(bundleFiles.intents)} }` : 'bot';
  const options = `{ modelDirectory: ${besideBundle(bundleFiles.model)}, publicDirectory: ${besideBundle(bundleFiles.publicDirectory)} }`;
  return [
    `import { createLambdaHttpHandler } from 'parley-sdk/lambda';`,
    `import ${defaultExport ? 'bot' : '{ bot }'} from ${JSON.stringify(botModule)};`,
    ``,
    `export const handler = createLambdaHttpHandler(${definition}, ${options});`,
    // In the function's init phase: a start that cannot work (a missing table) fails the init, with its reason in the log.
    `await handler.ready();`,
    ``,
  ].join('\n');
}
