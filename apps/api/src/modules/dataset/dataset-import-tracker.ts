import { randomUUID } from 'node:crypto';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ImportPhase, ImportProgress } from './dataset-import';

@ObjectType({ description: 'A registerDataset import in progress: poll datasetImports for a progress bar.' })
export class DatasetImport {
  @Field(() => ID) id: string;
  @Field(() => ID) projectId: string;
  @Field(() => String) name: string;
  @Field(() => String) source: string;
  @Field(() => String, { description: 'queued (another import runs), reading, splitting or done.' }) phase: ImportPhase;
  @Field(() => Float) bytesRead: number;
  @Field(() => Float) totalBytes: number;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int) rowsKept: number;
  @Field(() => Date) startedAt: Date;
}

export interface TrackedImport {
  update(progress: ImportProgress): void;
  end(outcome: 'stored' | 'failed'): void;
}

const LOG_EVERY_MS = 5_000;
const MB = 2 ** 20;

/**
 * Imports in progress, per team, for the datasetImports query; also logs progress to stderr every few seconds
 * (a 1 GB file takes tens of seconds).
 */
export class DatasetImportTracker {
  private readonly running = new Map<string, { teamId: string; status: DatasetImport }>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  start(teamId: string, info: { projectId: string; name: string; source: string }): TrackedImport {
    const status: DatasetImport = { id: randomUUID(), ...info, phase: 'queued', bytesRead: 0, totalBytes: 0, rowsRead: 0, rowsKept: 0, startedAt: new Date() };
    this.running.set(status.id, { teamId, status });
    let lastLog = Date.now();
    const label = `[dataset] ${JSON.stringify(info.name)}`;
    return {
      update: (progress) => {
        Object.assign(status, progress);
        const now = Date.now();
        if (now - lastLog >= LOG_EVERY_MS && progress.phase === 'reading') {
          lastLog = now;
          const seconds = (now - status.startedAt.getTime()) / 1000;
          const percent = progress.totalBytes > 0 ? Math.floor((progress.bytesRead / progress.totalBytes) * 100) : 0;
          this.log(
            `${label}: reading ${percent}% (${(progress.bytesRead / MB).toFixed(0)} of ${(progress.totalBytes / MB).toFixed(0)} MB, ` +
              `${(progress.bytesRead / MB / seconds).toFixed(0)} MB/s, ${progress.rowsRead} rows, ${progress.rowsKept} kept)`,
          );
        }
      },
      end: (outcome) => {
        this.running.delete(status.id);
        const seconds = ((Date.now() - status.startedAt.getTime()) / 1000).toFixed(1);
        this.log(`${label}: ${outcome === 'stored' ? `imported ${status.rowsKept} of ${status.rowsRead} rows` : 'import failed, nothing stored'} in ${seconds} s`);
      },
    };
  }

  list(teamId: string): DatasetImport[] {
    return [...this.running.values()].filter((entry) => entry.teamId === teamId).map((entry) => ({ ...entry.status }));
  }
}
