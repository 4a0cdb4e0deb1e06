import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunJournal } from './journal';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-journal-'));
const metric = (step: number) => ({ v: 1, type: 'metric', key: 'train/loss', step, value: 1 / step });

describe('RunJournal', () => {
  it('keeps events and the acknowledged cursor across a restart', () => {
    const dir = tempDir();
    const journal = new RunJournal(dir);
    for (let step = 1; step <= 5; step++) journal.append(1, metric(step));
    journal.acknowledge(3);

    const reopened = new RunJournal(dir);
    expect(reopened.acknowledged).toBe(3);
    expect(reopened.unacknowledged().map((entry) => entry.seq)).toEqual([4, 5]);
    expect(reopened.append(2, metric(6)).seq).toBe(6);
  });

  it('skips a line torn by a crash mid-write', () => {
    const dir = tempDir();
    const journal = new RunJournal(dir);
    journal.append(1, metric(1));
    fs.appendFileSync(path.join(dir, 'journal.jsonl'), '{"seq":2,"attempt":1,"event":{"v":1,"ty');
    const reopened = new RunJournal(dir);
    expect(reopened.unacknowledged().map((entry) => entry.event.step)).toEqual([1]);
    expect(reopened.append(1, metric(2)).seq).toBe(2);
    expect(new RunJournal(dir).unacknowledged().map((entry) => entry.event.step)).toEqual([1, 2]);
  });

  it('never moves the cursor backwards', () => {
    const journal = new RunJournal(tempDir());
    journal.append(1, metric(1));
    journal.append(1, metric(2));
    journal.acknowledge(2);
    journal.acknowledge(1);
    expect(journal.acknowledged).toBe(2);
  });
});
