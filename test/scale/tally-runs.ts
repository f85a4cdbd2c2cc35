// Holds each conversation driven through the processes to the serial run of the same script: every
// answer (a duplicate's too), the final transcript, and the side effects of its dialog code.
//   lost:    a turn whose answer or transcript entries are missing or differ, or whose side effect
//            is missing (counted once per turn);
//   doubled: a side effect run once more than in the serial run, or a turn's entries once more in
//            the transcript.
import type { TranscriptEntry } from '../../src/core/turn.js';
import type { TurnReply } from '../../channels/web/conversation-turns.js';
import type { DrivenConversation } from './drive-conversations.js';
import type { SerialConversation } from './serial-run.js';
import type { WebAnswer } from './web-customer.js';

/** One side-effect line, and the process that wrote it. */
export interface SideEffect {
  line: string;
  process: number;
}

export interface ScaleTally {
  lost: number;
  doubled: number;
  /** What went wrong, one line each, for the first conversations that went wrong. */
  findings: string[];
}

const shownFindings = 20;

/**
 * @example
 * const { lost, doubled, findings } = tallyScaleRun(driven, serial, effectsByConversation);
 */
export function tallyScaleRun(driven: readonly DrivenConversation[], serial: ReadonlyMap<string, SerialConversation>, effects: ReadonlyMap<string, SideEffect[]>): ScaleTally {
  const tally: ScaleTally = { lost: 0, doubled: 0, findings: [] };
  for (const conversation of driven) {
    const expected = serial.get(conversation.conversationId);
    const name = `conversation ${conversation.planned.index} (${conversation.conversationId || 'not started'}, "${conversation.planned.variant}")`;
    const note = (what: string) => {
      if (tally.findings.length < shownFindings) tally.findings.push(`${name}: ${what}`);
    };
    if (!expected) {
      tally.lost += conversation.planned.turns.length;
      note(`not driven: ${conversation.failure ?? 'no serial run'}`);
      continue;
    }
    const lostTurns = new Set<number>();
    const lose = (turn: number, what: string) => {
      if (!lostTurns.has(turn)) note(`turn ${turn + 1} "${conversation.planned.turns[turn]?.text}": ${what}`);
      lostTurns.add(turn);
    };
    if (conversation.failure) note(conversation.failure);

    expected.replies.forEach((reply, turn) => {
      const answer = conversation.answers[turn];
      const problem = answerProblem(answer, reply);
      if (problem) lose(turn, problem);
      const duplicate = conversation.planned.turns[turn]?.duplicate;
      if (duplicate) {
        const duplicateProblem = answerProblem(conversation.duplicateAnswers.get(turn), reply);
        if (duplicateProblem) lose(turn, `its duplicate (${duplicate.timing}, process ${duplicate.process}): ${duplicateProblem}`);
      }
    });

    if (conversation.transcript === undefined) {
      expected.replies.forEach((_, turn) => lose(turn, 'transcript not read'));
    } else {
      const byId = new Map(conversation.transcript.map((entry) => [entry.id, canonical(entry)]));
      expected.replies.forEach((reply, turn) => {
        const entries = entriesOf(reply);
        const missing = entries.find((entry) => byId.get(entry.id) !== canonical(entry));
        if (missing) lose(turn, `transcript entry ${missing.id} is ${byId.get(missing.id) ?? 'missing'}, not ${canonical(missing)}`);
        const extra = occurrences(entries, conversation.transcript!) - occurrences(entries, expected.transcript);
        if (extra > 0) {
          tally.doubled += extra;
          note(`turn ${turn + 1}'s entries are in the transcript ${extra} more time(s) than in the serial run`);
        }
      });
      if (canonical(conversation.transcript) !== canonical(expected.transcript) && lostTurns.size === 0) {
        lose(expected.replies.length - 1, 'the transcript differs from the serial run\'s');
      }
    }

    const runs = new Map<string, number[]>();
    for (const effect of effects.get(conversation.conversationId) ?? []) runs.set(effect.line, [...(runs.get(effect.line) ?? []), effect.process]);
    const wanted = new Map<string, number>();
    for (const line of expected.effects) wanted.set(line, (wanted.get(line) ?? 0) + 1);
    for (const line of new Set([...runs.keys(), ...wanted.keys()])) {
      const ran = runs.get(line) ?? [];
      const want = wanted.get(line) ?? 0;
      if (ran.length > want) {
        tally.doubled += ran.length - want;
        note(`"${line}" ran ${ran.length} times (processes ${ran.join(', ')}), ${want} in the serial run`);
      }
      if (ran.length < want) lose(turnOfEffect(line), `"${line}" ran ${ran.length} times, ${want} in the serial run`);
    }
    tally.lost += lostTurns.size;
  }
  return tally;
}

function answerProblem(answer: WebAnswer | undefined, expected: TurnReply): string | undefined {
  if (!answer) return 'no answer';
  if (answer.kind === 'failed') return `failed: ${answer.why}`;
  const got = canonical(answer.reply);
  const want = canonical(expected);
  return got === want ? undefined : `answer from process ${answer.process} differs: ${got} instead of ${want}`;
}

/** The transcript entries a turn added: the customer's, then the bot's. */
const entriesOf = (reply: TurnReply): TranscriptEntry[] => [...(reply.customer ? [reply.customer] : []), ...reply.messages];

/** How often the entries (without ids and times) stand in a row in the transcript. */
function occurrences(entries: readonly TranscriptEntry[], transcript: readonly TranscriptEntry[]): number {
  if (entries.length === 0) return 0;
  const block = entries.map(content);
  const texts = transcript.map(content);
  let count = 0;
  for (let start = 0; start + block.length <= texts.length; start++) {
    if (block.every((text, offset) => texts[start + offset] === text)) count++;
  }
  return count;
}

/** An engine turn is the conversation's turn count: `turn-3` is the third message. */
const turnOfEffect = (line: string) => Number(/ turn-(\d+) /.exec(line)?.[1] ?? 1) - 1;

const content = (entry: TranscriptEntry) => canonical({ ...entry, id: 0 });

/**
 * A value as JSON with its keys sorted, without the transcript's times (they are the clock's, and
 * differ between runs) and without what JSON drops anyway.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner).filter(([name]) => name !== 'at').sort(([a], [b]) => (a < b ? -1 : 1)));
  });
}
