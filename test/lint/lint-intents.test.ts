import { describe, expect, it } from 'vitest';
import { formatReport, lintIntents, type LintFinding } from '../../src/lint/index.js';
import { lines, temporaryTrees } from '../content/helpers.js';

const tree = temporaryTrees();
const ofRule = (findings: LintFinding[], rule: string) => findings.filter((item) => item.rule === rule);

/** An intent with `count` distinct utterances about a topic. */
function intent(name: string, utterances: string[], extra: string[] = []): string[] {
  return [`  - name: ${name}`, '    utterances:', ...utterances.map((text) => `      - ${text}`), ...extra];
}

const orderWords = ['where is my order', 'track my package', 'has my parcel shipped', 'when will my delivery arrive', 'order status please', 'is my shipment on the way', 'I want to know where my order is', 'my package has not arrived', 'check on my delivery', 'what happened to my order', 'tracking number for my parcel'];
const outageWords = ['is there an outage', 'my internet is down', 'no connection at all', 'the network is not working', 'service outage in my area', 'is the internet down near me', 'everything is offline', 'no signal at home', 'the wifi stopped working for everyone', 'report a network outage', 'is your service down'];

describe('parley intents lint', () => {
  it('reports every loader problem as an error, with file and line, and measures nothing', async () => {
    const root = await tree({ 'en-US/a.yaml': lines('intents:', '  - name: Bad Name', '    utterances: [hi]') });
    const report = await lintIntents(root);
    expect(report.errors).toBeGreaterThan(0);
    const [problem] = ofRule(report.findings, 'intent-file');
    expect(problem).toMatchObject({ severity: 'error', line: 2 });
    expect(problem!.file).toMatch(/en-US\/a\.yaml$/);
    expect(ofRule(report.findings, 'confused-utterance')).toEqual([]);
  });

  it('warns of thin intents, near-copies, unused slot types and values two types share, where they are written', async () => {
    const root = await tree({
      'en-US/a.yaml': lines(
        'intents:',
        ...intent('Thin', ['hello there', 'hi']),
        ...intent('Copies', [...orderWords.slice(0, 9), 'book a repair for tomorrow', 'book a repair for tomorrow please'], ['    slots:', '      - {name: service, type: Service}', '      - {name: plan, type: Plan}']),
        'slotTypes:',
        '  - name: Service',
        '    values: [{value: repair, synonyms: [fix]}, install]',
        '  - name: Plan',
        '    values: [{value: basic, synonyms: [repair]}]',
        '  - name: Unused',
        '    values: [one]',
      ),
    });
    const report = await lintIntents(root, { measure: false });
    expect(report.errors).toBe(0);
    expect(ofRule(report.findings, 'few-utterances')).toMatchObject([{ line: 2, message: expect.stringContaining('Thin (en-US) has 2 sample utterances') }]);
    const [copy] = ofRule(report.findings, 'similar-utterances');
    expect(copy).toMatchObject({ line: 18, message: expect.stringContaining('(line 17)') });
    expect(ofRule(report.findings, 'unused-slot-type')).toMatchObject([{ line: 27, message: expect.stringContaining('Unused') }]);
    expect(ofRule(report.findings, 'colliding-values')).toMatchObject([
      { line: 23, message: 'slot types Plan and Service, both used by intent Copies, share "repair"' },
    ]);
  });

  it('warns of list values a repair or handoff request would be read as, naming both and the fix', async () => {
    const root = await tree({
      'en-US/a.yaml': lines(
        'intents:',
        ...intent('OrderPizza', ['a {size} pizza please'], ['    slots:', '      - {name: size, type: PizzaSize, prompt: What size?}']),
        ...intent('TalkToAgent', ['get me a person', 'talk to a person', 'connect me to the shop']),
        'slotTypes:',
        '  - name: PizzaSize',
        '    values: [{value: small, synonyms: [personal]}, medium, large]',
        '  - name: Delivery',
        '    values: [{value: delivery, synonyms: [connect]}, pickup]',
        '  - name: Route',
        '    values: [{value: express, synonyms: [nonstop]}, {value: local, synonyms: [stops]}]',
      ),
    });
    const report = await lintIntents(root, { measure: false });
    expect(ofRule(report.findings, 'value-near-request')).toEqual([
      {
        severity: 'warning',
        rule: 'value-near-request',
        file: expect.stringMatching(/en-US\/a\.yaml$/),
        line: 13,
        column: 5,
        message: 'synonym "personal" of PizzaSize value small is within typo distance of "person" in TalkToAgent\'s "get me a person" (en-US): a misspelt request, or a recognizer that reads typos its own way, may fill a PizzaSize slot instead',
        hint: 'remove the synonym "personal", or replace it with a wording further from "person"',
      },
      expect.objectContaining({
        line: 15,
        message: 'synonym "connect" of Delivery value delivery is a word of TalkToAgent\'s "connect me to the shop" (en-US): said while a Delivery slot is asked for, that request fills the slot instead',
        hint: 'remove the synonym "connect" from delivery, or make it a phrase no request says',
      }),
      // Parley's own repair phrases count too: "stop" is Cancel's.
      expect.objectContaining({ line: 17, message: expect.stringMatching(/^synonym "stops" of Route value local is within typo distance of "stop" in Cancel's "stop"/) }),
    ]);
  });

  it('finds locales that lack an intent, a slot or a prompt another locale has', async () => {
    const en = lines(
      'intents:',
      ...intent('Orders', orderWords, ['    slots:', '      - {name: order, type: alphanumeric, prompt: What is the order number?}']),
      ...intent('Outages', outageWords),
    );
    const es = lines('intents:', ...intent('Orders', ['dónde está mi pedido', 'estado de mi pedido'], ['    slots:', '      - {name: order, type: alphanumeric}']));
    const report = await lintIntents(await tree({ 'en-US/a.yaml': en, 'es-US/a.yaml': es }), { measure: false });
    expect(ofRule(report.findings, 'locale-missing-intent').map((item) => item.message)).toEqual(['intent Outages is in en-US but not in es-US']);
    expect(ofRule(report.findings, 'locale-missing-prompt').map((item) => item.message)).toEqual(['slot order of intent Orders has a prompt in en-US but not in es-US']);
  });

  it('makes Lex V2 limits errors unless the target is left out', async () => {
    const long = `I would like to ask ${'about my order '.repeat(35)}`;
    const root = await tree({ 'en-US/a.yaml': lines('intents:', ...intent('Orders', [...orderWords, long])) });
    const report = await lintIntents(root, { measure: false });
    expect(ofRule(report.findings, 'lex-limit')).toMatchObject([{ severity: 'error', line: 15, message: expect.stringContaining('Lex V2 takes at most 500') }]);
    expect((await lintIntents(root, { measure: false, targets: ['clu'] })).errors).toBe(0);
  });

  it('measures confusion: an utterance that belongs to another intent is found by cross-validation', async () => {
    const root = await tree({
      'en-US/a.yaml': lines('intents:', ...intent('Orders', [...orderWords, 'the network is down and no internet']), ...intent('Outages', outageWords)),
    });
    const report = await lintIntents(root, { folds: 4 });
    const confused = ofRule(report.findings, 'confused-utterance');
    expect(confused).toContainEqual(expect.objectContaining({ line: 15, message: expect.stringMatching(/"the network is down and no internet" of Orders is recognised as Outages/) }));
    // The clear-cut order utterances are not reported.
    expect(confused.filter((item) => item.message.includes('of Orders')).length).toBeLessThanOrEqual(2);
  });

  it('formats for people, for tools and for GitHub annotations', async () => {
    const root = await tree({ 'en-US/a.yaml': lines('intents:', ...intent('Thin', ['"hi, there: 100%"'])) });
    const report = await lintIntents(root, { measure: false });
    expect(formatReport(report, 'text')).toMatch(/a\.yaml:2:5: warning: intent Thin \(en-US\) has 1 sample utterance; .* \[few-utterances\]\n    hint: .*\n0 errors, 1 warning$/);
    expect(JSON.parse(formatReport(report, 'json'))).toMatchObject({ errors: 0, warnings: 1, findings: [{ rule: 'few-utterances', line: 2 }] });
    const github = formatReport(report, 'github').split('\n')[0]!;
    expect(github).toMatch(/^::warning file=.*a\.yaml,line=2,col=5,title=parley few-utterances::intent Thin .*%0A/);
  });
});
