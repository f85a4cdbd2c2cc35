import { describe, expect, it } from 'vitest';
import { describeConfigIssue, knownKeysAt } from '../../src/core/config-issues.js';
import { parseConfigText } from '../../src/core/config-text.js';
import { locateJsonSyntaxError } from '../../src/core/json-syntax-error.js';
import { closestName, describeUnknownNames } from '../../src/core/unknown-names.js';
import { runtimeConfigSchema } from '../../src/runtime/config.js';

describe('parseConfigText', () => {
  it('parses YAML and JSON, ignoring a byte-order mark', () => {
    expect(parseConfigText('port: 3978\n', 'yaml')).toEqual({ kind: 'parsed', value: { port: 3978 } });
    expect(parseConfigText('\ufeff{"port": 3978}', 'json')).toEqual({ kind: 'parsed', value: { port: 3978 } });
    expect(parseConfigText('', 'yaml')).toEqual({ kind: 'parsed', value: null });
  });

  it('finds JSON mistakes by line and column, agreeing with JSON.parse on what is valid', () => {
    const cases: Array<[string, number, number, RegExp]> = [
      ['{\n  "port": 3978,\n}', 3, 1, /quoted key/],
      ['{\n  "port": 3978\n  "host": "x"\n}', 3, 3, /',' or '}'/],
      ['{"a": [1, 2}', 1, 12, /',' or '\]'/],
      ['{"a" 1}', 1, 6, /':'/],
      ['{"a": tru}', 1, 7, /value was expected/],
      ['{"a": "x\ny"}', 1, 9, /line break/],
      ['{"a": "\\q"}', 1, 8, /escape/],
      ['{"a": "\\u12"}', 1, 8, /four hexadecimal/],
      ['{"a": 1.}', 1, 9, /malformed number/],
      ['{"a": "never closed}', 1, 7, /never closed/],
      ['{"a": 1}\n}', 2, 1, /more text/],
      ['{"a": ', 1, 7, /ends too early/],
      ["{'a': 1}", 1, 2, /quoted key/],
    ];
    for (const [text, line, column, problem] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(parseConfigText(text, 'json'), text).toEqual({ kind: 'syntax-error', line, column, problem: expect.stringMatching(problem) });
    }
    for (const valid of ['{}', '[]', '"x"', '-0.5e+3', '{"a": [true, false, null, {"b": "\\u00e9\\n"}]}', ' \n\t{ "a" : 1 } \r\n']) {
      expect(locateJsonSyntaxError(valid), valid).toBeUndefined();
    }
    // Deep nesting is scanned without recursion.
    expect(locateJsonSyntaxError(`${'['.repeat(100_000)}${']'.repeat(99_999)}`)).toEqual({ offset: 199_999, problem: expect.stringMatching(/ends too early/) });
  });

  it('finds YAML mistakes by line and column, with a description that quotes nothing', () => {
    expect(parseConfigText('port: 1\nport: 2\n', 'yaml')).toEqual({ kind: 'syntax-error', line: 2, column: 1, problem: 'a key that is already set in this mapping' });
    expect(parseConfigText('a:\n  b: 1\n c: 2\n', 'yaml')).toMatchObject({ kind: 'syntax-error', line: 3 });
    expect(parseConfigText('a: *missing\n', 'yaml')).toMatchObject({ kind: 'syntax-error', line: 1, column: 4, problem: expect.stringMatching(/alias/) });
    expect(parseConfigText('a: [1, 2\n', 'yaml')).toMatchObject({ kind: 'syntax-error' });
  });
});

describe('unknown names', () => {
  it('suggests a near miss (typo, swapped letters, case, underscores) and nothing for anything else', () => {
    const known = ['appId', 'appPassword', 'tenantId', 'appType'];
    expect(closestName('appPasword', known)).toBe('appPassword');
    expect(closestName('AppPassword', known)).toBe('appPassword');
    expect(closestName('app_password', known)).toBe('appPassword');
    expect(closestName('password', known)).toBe('appPassword');
    expect(closestName('tenatnId', known)).toBe('tenantId');
    expect(closestName('prot', ['port', 'host'])).toBe('port');
    expect(closestName('s3cr3t-DO-NOT-PRINT', known)).toBeUndefined();
    expect(closestName('Zm9vYmFy', known)).toBeUndefined();
    expect(closestName('ab', ['abc'])).toBe('abc');
  });

  it('describes names it does not show by their length', () => {
    expect(describeUnknownNames(['s3cr3t'], ['port'])).toBe('an unknown key of 6 characters (not shown, in case it is a secret); known keys: port');
    expect(describeUnknownNames(['prot', 's3cr3t'], ['port'], 'setting')).toBe('2 unknown settings: prot (did you mean port?), one of 6 characters (not shown, in case it is a secret); known settings: port');
  });

  it('knows the keys of any section, and of the branch a discriminator picks', () => {
    expect(knownKeysAt(runtimeConfigSchema, ['botFramework'])).toEqual(expect.arrayContaining(['appId', 'appPassword', 'tenantId', 'appType', 'allowedServiceUrls', 'endpoints']));
    expect(knownKeysAt(runtimeConfigSchema, ['botFramework', 'endpoints'])).toContain('channelOpenIdMetadataUrl');
    expect(knownKeysAt(runtimeConfigSchema, ['store'], { store: { kind: 'memory' } })).toEqual(['kind', 'maxConversations']);
    expect(knownKeysAt(runtimeConfigSchema, ['nlu', 'providers', 'lex'], { nlu: { providers: { lex: { kind: 'lex-v2' } } } })).toEqual(['kind', 'botId', 'botAliasId', 'localeId', 'region', 'endpoint', 'threshold']);
  });

  it('says "is required" for a missing value and the expected type for a wrong one', () => {
    const describe = (input: Record<string, unknown>) => {
      const result = runtimeConfigSchema.safeParse(input);
      return describeConfigIssue(result.error!.issues[0]!, runtimeConfigSchema, input);
    };
    expect(describe({ store: { kind: 'file', directory: 5 } })).toEqual({ path: ['store', 'directory'], message: 'expected string, received number' });
    expect(describe({ nlu: { providers: { lex: { kind: 'lex-v2', botAliasId: 'A', region: 'us-east-1' } } } })).toEqual({
      path: ['nlu', 'providers', 'lex', 'botId'],
      message: expect.stringMatching(/^is required: give the Lex V2 bot's id/),
    });
    expect(describe({ logging: { level: 'loud' } })).toEqual({ path: ['logging', 'level'], message: 'must be one of fatal, error, warn, info, debug, trace, silent' });
  });
});
