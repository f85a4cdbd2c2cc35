// The `lex:` blocks of intent files and the `lex-passthrough/` folder: what only a Lex build uses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIntentFile, readIntents } from '../../src/content/index.js';
import { intentFilePaths } from '../../src/content/read-intents.js';
import { writeIntentFiles } from '../../src/content/write-intent-files.js';
import { lines, temporaryTrees, withoutSources } from './helpers.js';

const file = 'intents/en-US/test.yaml';
const problems = (text: string) => parseIntentFile(text, file, 'en-US').problems.map(({ line, column, message, hint }) => ({ line, column, message, hint }));
const tree = temporaryTrees();
const scratch = await mkdtemp(join(tmpdir(), 'parley-lex-blocks-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const balance = lines(
  'intents:',
  '  - name: CheckBalance',
  '    utterances: [what is my balance]',
  '    slots:',
  '      - name: account',
  '        type: number',
  '        prompt: Say or key in your account number.',
  '        lex:',
  '          allowInterrupt: false',
  '          attempts:',
  '            Initial:',
  '              audioAndDTMFInputSpecification: { dtmfSpecification: { maxLength: 10, endCharacter: "#" } }',
  '            Retry2: null',
  '    confirmation:',
  '      prompt: Read the balance of {account}?',
  '      lex: { attempts: { Initial: { allowedInputTypes: { allowDTMFInput: false } } } }',
  '  - name: Cancel',
  '    lex:',
  '      - { name: CancelIntent, parentIntentSignature: AMAZON.CancelIntent }',
  '      - { name: StopIntent, parentIntentSignature: AMAZON.StopIntent }',
  '  - name: Repeat',
  '    lex: { name: RepeatIntent, parentIntentSignature: AMAZON.RepeatIntent }',
);

describe('lex: blocks', () => {
  it('load into the model, and write back as they were read', async () => {
    const root = await tree({ 'en-US/balance.yaml': balance });
    const { model, problems: found } = await readIntents(root);
    expect(found).toEqual([]);
    const locale = model.locales['en-US']!;
    const intent = locale.intents.find((each) => each.name === 'CheckBalance')!;
    expect(intent.slots[0]!.lex).toEqual({ allowInterrupt: false, attempts: { Initial: { audioAndDTMFInputSpecification: { dtmfSpecification: { maxLength: 10, endCharacter: '#' } } }, Retry2: null } });
    expect(intent.confirmation!.lex).toEqual({ attempts: { Initial: { allowedInputTypes: { allowDTMFInput: false } } } });
    const cancel = locale.intents.find((each) => each.name === 'Cancel')!;
    expect(cancel).toMatchObject({ builtIn: 'cancel', lex: [{ name: 'CancelIntent', parentIntentSignature: 'AMAZON.CancelIntent' }, { name: 'StopIntent', parentIntentSignature: 'AMAZON.StopIntent' }] });
    expect(locale.intents.find((each) => each.name === 'Repeat')!.lex).toEqual([{ name: 'RepeatIntent', parentIntentSignature: 'AMAZON.RepeatIntent' }]);
    const out = await mkdtemp(join(scratch, 'written-'));
    await writeIntentFiles(model, out);
    const again = await readIntents(out);
    expect(again.problems).toEqual([]);
    expect(withoutSources(again.model)).toEqual(withoutSources(model));
  });

  it('let only a repair intent be a Lex built-in, and only one of its own', () => {
    expect(problems(lines('intents:', '  - name: BookHotel', '    utterances: [book a hotel]', '    lex: { parentIntentSignature: AMAZON.HelpIntent }'))).toEqual([
      {
        line: 4,
        column: 35,
        message: "intent BookHotel cannot be the Lex built-in AMAZON.HelpIntent: only Parley's repair intents are Lex built-ins",
        hint: 'the repair intents stand for Help (AMAZON.HelpIntent), Cancel (AMAZON.CancelIntent or AMAZON.StopIntent), StartOver (AMAZON.StartOverIntent), Repeat (AMAZON.RepeatIntent); keep another built-in intent as Lex has it in lex-passthrough/ (docs/bot-deploy.md)',
      },
    ]);
    expect(problems(lines('intents:', '  - name: Cancel', '    lex: { parentIntentSignature: AMAZON.HelpIntent }'))).toEqual([
      { line: 3, column: 35, message: 'intent Cancel cannot be the Lex built-in AMAZON.HelpIntent', hint: 'Cancel stands for AMAZON.CancelIntent or AMAZON.StopIntent' },
    ]);
    expect(problems(lines('intents:', '  - name: Help', '    lex: [{ name: HelpIntent, parentIntentSignature: AMAZON.HelpIntent }, { name: Helper }]'))).toEqual([
      {
        line: 3,
        column: 10,
        message: 'intent Help lists several Lex intents, but only Lex built-ins may share one Parley intent',
        hint: 'give each a parentIntentSignature (Cancel as AMAZON.CancelIntent and AMAZON.StopIntent), or keep one',
      },
    ]);
  });

  it('check input settings as Lex does, in plain words', () => {
    const slot = (lex: string) => lines('intents:', '  - name: Pay', '    utterances: [pay]', '    slots:', '      - name: pin', '        type: number', '        prompt: Your PIN?', `        lex: ${lex}`);
    expect(problems(slot('{ attempts: { Initial: { audioAndDTMFInputSpecification: { dtmfSpecification: { endCharacter: "x", maxLength: 2000 } } } } }'))).toEqual([
      expect.objectContaining({ message: '`endCharacter` of `dtmfSpecification` of `audioAndDTMFInputSpecification` of `Initial` of `attempts` of `lex` of slot pin of intent Pay must be a DTMF key: 0-9, A-D, * or #, not `x`' }),
      expect.objectContaining({ message: expect.stringMatching(/^`maxLength` of .* must be at most 1024$/) }),
    ]);
    expect(problems(slot('{ attempts: { Retry9: {} } }'))).toEqual([
      expect.objectContaining({ message: '`attempts` of `lex` of slot pin of intent Pay has an unknown key `Retry9`', hint: 'did you mean `Retry1`?' }),
    ]);
    expect(problems(slot('{ attempts: { Initial: { allowInterupt: false } } }'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/has an unknown key `allowInterupt`$/), hint: 'did you mean `allowInterrupt`?' }),
    ]);
    expect(problems(slot('{ attempts: { Initial: { audioAndDTMFInputSpecification: { dtmfSpecification: { maxLenght: 4 } } } } }'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^`dtmfSpecification` of .* has an unknown key `maxLenght`$/), hint: 'did you mean `maxLength`?' }),
    ]);
    expect(problems(slot('{ bargeIn: false }'))).toEqual([expect.objectContaining({ message: '`lex` of slot pin of intent Pay has an unknown key `bargeIn`', hint: 'allowed keys: allowInterrupt, attempts' })]);
  });
});

describe('lex-passthrough/', () => {
  const qic = JSON.stringify({ name: 'AmazonQinConnect', parentIntentSignature: 'AMAZON.QInConnectIntent', qInConnectIntentConfiguration: { qInConnectAssistantConfiguration: { assistantArn: 'arn:aws:wisdom:us-east-1:123456789012:assistant/x' } } }, null, 4);

  it('holds Lex-only intents as their export files; a locale with nothing else is a locale', async () => {
    const root = await tree({ 'en-US/lex-passthrough/AmazonQinConnect/Intent.json': qic });
    const { model, problems: found } = await readIntents(root);
    expect(found).toEqual([]);
    const locale = model.locales['en-US']!;
    expect(locale.lexPassthrough).toEqual([expect.objectContaining({ name: 'AmazonQinConnect', intent: JSON.parse(qic), slots: [] })]);
    // Recognizers see only intents: the repair intents, here.
    expect(locale.intents.map((intent) => intent.name)).toEqual(['Help', 'Cancel', 'StartOver', 'Repeat']);
    // They are files the model is made from, so a model artefact is keyed by them too.
    expect((await intentFilePaths(root)).map((path) => path.slice(root.length))).toEqual(['/en-US/lex-passthrough/AmazonQinConnect/Intent.json']);
  });

  it('says what is wrong with a file there', async () => {
    const root = await tree({
      'en-US/a.yaml': lines('intents:', '  - name: Orders', '    utterances: [where is my order]'),
      'en-US/lex-passthrough/Search.json': '{}',
      'en-US/lex-passthrough/Renamed/Intent.json': JSON.stringify({ name: 'Other', parentIntentSignature: 'AMAZON.KendraSearchIntent' }),
      'en-US/lex-passthrough/Mine/Intent.json': JSON.stringify({ name: 'Mine', parentIntentSignature: null }),
      'en-US/lex-passthrough/Stop/Intent.json': JSON.stringify({ name: 'Stop', parentIntentSignature: 'AMAZON.StopIntent' }),
      'en-US/lex-passthrough/Broken/Intent.json': '{"name": "Broken",',
      'en-US/lex-passthrough/Empty/Slots/x/Slot.json': '{"name": "x"}',
      'en-US/lex-passthrough/Extra/Intent.json': JSON.stringify({ name: 'Extra', parentIntentSignature: 'AMAZON.PauseIntent' }),
      'en-US/lex-passthrough/Extra/ConversationFlow.json': '{}',
    });
    const { model, problems: found } = await readIntents(root);
    const said = found.map((problem) => `${problem.file.split('lex-passthrough/')[1]}: ${problem.message}`);
    expect(said).toEqual([
      expect.stringMatching(/^Broken\/Intent\.json: not JSON: /),
      expect.stringMatching(/^Empty\/Intent\.json: .*Empty\/Intent\.json is missing$/),
      'Extra/ConversationFlow.json: ConversationFlow.json is not read',
      'Mine/Intent.json: a passthrough intent is a Lex built-in intent (parentIntentSignature AMAZON.…)',
      'Renamed/Intent.json: name is "Other", not that of its folder Renamed',
      'Search.json: Search.json is not a passthrough intent',
      "Stop/Intent.json: AMAZON.StopIntent is Parley's Cancel intent",
    ]);
    // What is fine loads; the intents of the locale are untouched.
    expect(model.locales['en-US']!.lexPassthrough?.map((entry) => entry.name)).toEqual(['Extra']);
  });
});
