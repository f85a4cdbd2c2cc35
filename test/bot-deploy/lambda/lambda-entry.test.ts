// The text of a Lambda bundle's entry, per handler kind (the bundles themselves: test/runtime/lambda-bundle.test.ts).
import { describe, expect, it } from 'vitest';
import { lambdaEntry } from '../../../bot-deploy/lambda/lambda-entry.js';

const botModule = '/srv/my-bot/bot.ts';

describe('lambdaEntry', () => {
  it('makes the HTTP handler by default, with the chat page beside the bundle', () => {
    expect(lambdaEntry({ botModule, defaultExport: true, intentFiles: true })).toBe(
      [
        `import { createLambdaHttpHandler } from 'parley-sdk/lambda';`,
        `import bot from "/srv/my-bot/bot.ts";`,
        ``,
        `export const handler = createLambdaHttpHandler({ ...bot, intents: new URL("./intents/", import.meta.url) }, { modelDirectory: new URL("./model/", import.meta.url), publicDirectory: new URL("./public/", import.meta.url) });`,
        `await handler.ready();`,
        ``,
      ].join('\n'),
    );
  });

  it('makes the Lex code hook handler, with no chat page', () => {
    const entry = lambdaEntry({ handler: 'lex-code-hook', botModule, defaultExport: false, intentFiles: false });
    expect(entry).toContain(`import { createLexCodeHookHandler } from 'parley-sdk/connect';\nimport { bot } from "/srv/my-bot/bot.ts";`);
    expect(entry).toContain(`export const handler = createLexCodeHookHandler(bot, { modelDirectory: new URL("./model/", import.meta.url) });`);
  });

  it('makes the Connect flow handler with the bot module\'s connectFlow options, when it exports them', () => {
    const entry = lambdaEntry({ handler: 'connect-flow', botModule, defaultExport: true, intentFiles: true, optionsExport: true });
    expect(entry).toContain(`import { createConnectFlowHandler } from 'parley-sdk/connect';\nimport bot, { connectFlow } from "/srv/my-bot/bot.ts";`);
    expect(entry).toContain(`createConnectFlowHandler({ ...bot, intents: new URL("./intents/", import.meta.url) }, { ...connectFlow, modelDirectory: new URL("./model/", import.meta.url) });`);
    const named = lambdaEntry({ handler: 'connect-flow', botModule, defaultExport: false, intentFiles: false, optionsExport: true });
    expect(named).toContain(`import { bot, connectFlow } from "/srv/my-bot/bot.ts";`);
    expect(lambdaEntry({ handler: 'connect-flow', botModule, defaultExport: true, intentFiles: false })).not.toContain('connectFlow');
  });
});
