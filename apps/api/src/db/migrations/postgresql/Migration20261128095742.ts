import { Migration } from '@mikro-orm/migrations';

/** Run progress, retries and effective hyperparameters (issue 5). */
export class Migration20261128095742 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "run" add column "progress" jsonb null, add column "retries" jsonb not null default '[]', add column "effective_hyperparameters" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "run" drop column "progress", drop column "retries", drop column "effective_hyperparameters";`);
  }
}
