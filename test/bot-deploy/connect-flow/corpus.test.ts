// Real flows exported from Amazon Connect: the schema must accept them, and the actions we generate
// must have the same shape as theirs.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildConnectFlow, flowDocumentSchema, validateFlow, type FlowAction } from '../../../bot-deploy/connect-flow/index.js';
import { corpusAvailable, corpusPath } from '../../support/shared-corpus.js';
import { referenceOptions } from './fixtures.js';

const run = corpusAvailable('connect-flows', 'the Connect flow corpus tests');
const files = run ? readdirSync(corpusPath('connect-flows')).filter((f) => f.endsWith('.json')) : [];
const documents = files.map((file) => ({ file, document: JSON.parse(readFileSync(corpusPath(`connect-flows/${file}`), 'utf8')) as Record<string, unknown> }));
const flowExports = documents.filter(({ document }) => document.Version === '2019-10-30');
const corpusActions = flowExports.flatMap(({ document }) => document.Actions as FlowAction[]);
const ours = buildConnectFlow({ ...referenceOptions, lexTimeoutSeconds: 600 }).Actions;

const keys = (value: unknown) => Object.keys(value as object).sort();
const leaves = (value: unknown): unknown[] => (typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value]);
const ofType = (actions: FlowAction[], type: string, filter: (a: FlowAction) => boolean = () => true) => actions.filter((a) => a.Type === type && filter(a));
/** Parameters Connect documents as optional: real exports and ours may each leave them out. */
const optionalParameters = new Set(['LexSessionAttributes', 'LexTimeoutSeconds', 'LexInitilizationData']);

describe.runIf(run)('the Connect flow corpus', () => {
  it('holds Flow-language exports with LexV2Bot', () => {
    expect(flowExports.length).toBeGreaterThanOrEqual(1);
    expect(ofType(corpusActions, 'ConnectParticipantWithLexBot', (a) => 'LexV2Bot' in a.Parameters).length).toBeGreaterThanOrEqual(1);
  });

  it.each(flowExports.map(({ file, document }) => [file, document]))('the schema accepts %s, and validateFlow finds no errors', (_, document) => {
    const parsed = flowDocumentSchema.safeParse(document);
    expect(parsed.error?.issues).toBeUndefined();
    expect(validateFlow(document).filter((p) => p.severity === 'error')).toEqual([]);
  });

  // Legacy console exports ("modules") are refused with a clear message (flow-language.test.ts checks
  // that with an inline one); every other corpus file is a Flow-language export.
  it.each(documents.map(({ file, document }) => [file, document]))('reads %s as a Flow-language export or refuses it as a legacy one', (_, document) => {
    if (Array.isArray(document.modules)) expect(validateFlow(document)).toEqual([{ severity: 'error', message: expect.stringMatching(/legacy .*"modules" format/) }]);
    else expect(document.Version).toBe('2019-10-30');
  });

  it('writes every parameter as a string, as Connect does (numbers too)', () => {
    expect(leaves(corpusActions.map((a) => a.Parameters)).every((v) => typeof v === 'string')).toBe(true);
    expect(leaves(ours.map((a) => a.Parameters)).every((v) => typeof v === 'string')).toBe(true);
    expect(ours.find((a) => a.Type === 'ConnectParticipantWithLexBot')?.Parameters.LexTimeoutSeconds).toEqual({ Text: '600' });
  });

  it.each([
    ['ConnectParticipantWithLexBot', (a: FlowAction) => 'LexV2Bot' in a.Parameters],
    ['UpdateContactTargetQueue', () => true],
    ['TransferContactToQueue', () => true],
    ['Compare', () => true],
    ['MessageParticipant', () => true],
    ['DisconnectParticipant', () => true],
  ])('our %s actions have the shape of the real ones', (type, filter) => {
    const real = ofType(corpusActions, type, filter);
    const generated = ofType(ours, type);
    expect(real.length, `the corpus has a ${type}`).toBeGreaterThan(0);
    expect(generated.length).toBeGreaterThan(0);
    const realParameterKeys = new Set(real.flatMap((a) => keys(a.Parameters)));
    const realTransitionShapes = new Set(real.map((a) => keys(a.Transitions).join()));
    const realErrorTypes = new Set(real.flatMap((a) => a.Transitions.Errors ?? []).map((e) => e.ErrorType));
    for (const action of generated) {
      expect(keys(action).join()).toBe('Identifier,Parameters,Transitions,Type');
      const required = [...realParameterKeys].filter((k) => !optionalParameters.has(k));
      expect(keys(action.Parameters).filter((k) => !optionalParameters.has(k))).toEqual(required.sort());
      expect(realTransitionShapes).toContain(keys(action.Transitions).join());
      // We branch on every error the real flows branch on (and may handle more).
      for (const errorType of realErrorTypes) expect(action.Transitions.Errors?.map((e) => e.ErrorType)).toContain(errorType);
      for (const error of action.Transitions.Errors ?? []) expect(keys(error)).toEqual(['ErrorType', 'NextAction']);
      for (const condition of action.Transitions.Conditions ?? []) {
        expect(keys(condition)).toEqual(['Condition', 'NextAction']);
        expect(keys(condition.Condition)).toEqual(['Operands', 'Operator']);
      }
    }
    if (type === 'ConnectParticipantWithLexBot') expect(keys(generated[0]!.Parameters.LexV2Bot)).toEqual(keys(real[0]!.Parameters.LexV2Bot));
  });

  it('carries the designer metadata the real exports carry', () => {
    const flow = buildConnectFlow(referenceOptions);
    for (const { document } of flowExports) {
      expect(keys(flow.Metadata)).toEqual(keys(document.Metadata));
      const actionMetadata = (document.Metadata as { ActionMetadata: Record<string, unknown> }).ActionMetadata;
      for (const action of document.Actions as FlowAction[]) expect(actionMetadata[action.Identifier]).toHaveProperty('position');
    }
    for (const action of flow.Actions) expect(flow.Metadata?.ActionMetadata?.[action.Identifier]).toHaveProperty('position');
  });
});
