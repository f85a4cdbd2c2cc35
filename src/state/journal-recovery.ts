import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StateCorruptError } from '../core/errors.js';
import {
  conversationFile,
  conversationFileText,
  quarantineFile,
  quarantineStamp,
  readConversationFile,
  replaceFile,
  settleEach,
  syncDirectory,
} from './conversation-files.js';
import { errorCode } from './fs-error-code.js';
import { decodeRecord, type ConversationEntry, type JournalRecord } from './journal-records.js';

export interface RecoveryOptions {
  /** Where the conversation files are. */
  directory: string;
  journalDirectory: string;
  warn: (message: string) => void;
}

/** How many conversation files recovery writes at a time. */
const parallelWrites = 8;

/**
 * Replays the journal files that a previous owner of the directory left (it was killed, the power
 * went, or it could not checkpoint when closing) into the conversation files, then deletes them.
 * Returns the number for the next journal file.
 *
 * A damaged last line is ignored: its flush never completed, so no write in it was acknowledged. A
 * damaged line before the last stops the replay of that journal there; the journal is moved aside
 * as `<n>.log.corrupt-<timestamp>`, never deleted, and reported through `warn`.
 */
export async function recoverJournals(options: RecoveryOptions): Promise<number> {
  const sequences = await journalSequences(options.journalDirectory);
  if (sequences.length === 0) return 1;
  const files = sequences.map((sequence) => join(options.journalDirectory, `${sequence}.log`));
  const records: JournalRecord[] = [];
  const intact: string[] = [];
  for (const file of files) {
    const { replayed, damagedLine } = parseJournal(await readFile(file, 'utf8'));
    records.push(...replayed);
    if (damagedLine === undefined) {
      intact.push(file);
      continue;
    }
    const aside = `${file}.corrupt-${quarantineStamp()}`;
    await rename(file, aside);
    options.warn(`journal ${file} is damaged at line ${damagedLine}: replayed the ${replayed.length} records before it and moved it to ${aside}`);
  }
  await applyRecords(records, options);
  for (const file of intact) await rm(file, { force: true });
  await syncDirectory(options.journalDirectory);
  return sequences.at(-1)! + 1;
}

async function journalSequences(journalDirectory: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(journalDirectory);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  return names
    .flatMap((name) => /^(\d+)\.log$/.exec(name)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
}

function parseJournal(text: string): { replayed: JournalRecord[]; damagedLine?: number } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const replayed: JournalRecord[] = [];
  for (const [index, line] of lines.entries()) {
    const record = decodeRecord(line);
    if (record) replayed.push(record);
    else if (index < lines.length - 1) return { replayed, damagedLine: index + 1 };
    // else a torn last line, from a flush that never completed
  }
  return { replayed };
}

/** Writes each conversation's outcome to its file, then makes the renames survive a power cut. */
async function applyRecords(records: JournalRecord[], options: RecoveryOptions): Promise<void> {
  const { directory } = options;
  const onDisk = await fileVersions(directory, new Set(records.map((record) => record.conversationId)));
  const outcomes = new Map<string, ConversationEntry | 'deleted'>();
  for (const record of records) {
    const id = record.conversationId;
    if ('deleted' in record) outcomes.set(id, 'deleted');
    // The journal is in order: once a record of a conversation applies, every later one does. The first
    // applies when it is newer than the file, so records older than the last checkpoint change nothing.
    else if (outcomes.has(id) || record.version > onDisk.get(id)!.version) outcomes.set(id, { version: record.version, json: record.json });
  }
  const results = await settleEach([...outcomes], parallelWrites, async ([id, outcome]) => {
    if (outcome === 'deleted') return rm(conversationFile(directory, id), { force: true });
    if (onDisk.get(id)!.damaged) {
      const aside = await quarantineFile(directory, id);
      options.warn(`conversation ${id}: its damaged file was moved to ${aside}; the journal holds a newer state`);
    }
    await replaceFile(conversationFile(directory, id), conversationFileText(outcome.version, outcome.json));
  });
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  await syncDirectory(directory);
}

async function fileVersions(directory: string, ids: Set<string>): Promise<Map<string, { version: number; damaged: boolean }>> {
  const versions = new Map<string, { version: number; damaged: boolean }>();
  const results = await settleEach([...ids], parallelWrites, async (id) => {
    try {
      versions.set(id, { version: (await readConversationFile(directory, id))?.version ?? 0, damaged: false });
    } catch (error) {
      if (!(error instanceof StateCorruptError)) throw error;
      versions.set(id, { version: 0, damaged: true });
    }
  });
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return versions;
}
