import fs from 'node:fs';
import path from 'node:path';
import type { EngineEvent } from './engine-events';

export interface JournalEntry {
  seq: number;
  attempt: number;
  event: EngineEvent;
}

/**
 * Every engine event of a run, appended to disk before it is sent, and a cursor of what the API has
 * acknowledged. After any crash (API, daemon, engine) the entries past the cursor are sent again; the
 * API stores each point once, so a replay is harmless.
 */
export class RunJournal {
  private readonly eventsFile: string;
  private readonly cursorFile: string;
  private nextSeq: number;
  private acked: number;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.eventsFile = path.join(dir, 'journal.jsonl');
    this.cursorFile = path.join(dir, 'journal.acked');
    this.endTornLine();
    const entries = this.readAll();
    this.nextSeq = (entries.at(-1)?.seq ?? 0) + 1;
    this.acked = this.readCursor();
  }

  /** Synchronous on purpose: once append returns, the event survives a daemon crash. */
  append(attempt: number, event: EngineEvent): JournalEntry {
    const entry = { seq: this.nextSeq++, attempt, event };
    fs.appendFileSync(this.eventsFile, `${JSON.stringify(entry)}\n`);
    return entry;
  }

  /** Entries the API has not acknowledged yet, oldest first. */
  unacknowledged(): JournalEntry[] {
    return this.readAll().filter((entry) => entry.seq > this.acked);
  }

  acknowledge(seq: number): void {
    if (seq <= this.acked) return;
    this.acked = seq;
    const temp = `${this.cursorFile}.tmp`;
    fs.writeFileSync(temp, String(seq));
    fs.renameSync(temp, this.cursorFile);
  }

  get acknowledged(): number {
    return this.acked;
  }

  /** A crash mid-write can leave a line without its newline; the next append must not glue onto it. */
  private endTornLine(): void {
    let size: number;
    try {
      size = fs.statSync(this.eventsFile).size;
    } catch {
      return;
    }
    if (size === 0) return;
    const fd = fs.openSync(this.eventsFile, 'r');
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    fs.closeSync(fd);
    if (last[0] !== 0x0a) fs.appendFileSync(this.eventsFile, '\n');
  }

  private readCursor(): number {
    try {
      return Number(fs.readFileSync(this.cursorFile, 'utf8')) || 0;
    } catch {
      return 0;
    }
  }

  /** A line cut short by a crash mid-write is skipped: its event was never acknowledged, and the engine re-emits from its checkpoint. */
  private readAll(): JournalEntry[] {
    let text: string;
    try {
      text = fs.readFileSync(this.eventsFile, 'utf8');
    } catch {
      return [];
    }
    const entries: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as JournalEntry);
      } catch {
        // torn final line
      }
    }
    return entries;
  }
}
