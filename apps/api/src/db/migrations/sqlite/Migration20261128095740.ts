import { Migration } from '@mikro-orm/migrations';

/** Run progress, retries and effective hyperparameters (issue 5). Written by hand: MikroORM's SQLite diff rebuilds unchanged tables. */
export class Migration20261128095740 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`run\` add column \`progress\` json null;`);
    this.addSql(`alter table \`run\` add column \`retries\` json not null default '[]';`);
    this.addSql(`alter table \`run\` add column \`effective_hyperparameters\` json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`run\` drop column \`progress\`;`);
    this.addSql(`alter table \`run\` drop column \`retries\`;`);
    this.addSql(`alter table \`run\` drop column \`effective_hyperparameters\`;`);
  }
}
