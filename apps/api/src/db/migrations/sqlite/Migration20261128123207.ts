import { Migration } from '@mikro-orm/migrations';

/** Runs store their test predictions (issue 6). Written by hand: MikroORM's SQLite diff rebuilds unchanged tables. */
export class Migration20261128123207 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`run_predictions\` (\`id\` text not null, \`run_id\` text not null, \`split\` text not null, \`examples_key\` text not null, \`count\` integer not null, \`labels\` json not null, \`predictions\` json not null, \`created_at\` datetime not null, constraint \`run_predictions_run_id_foreign\` foreign key(\`run_id\`) references \`run\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`run_predictions_run_id_index\` on \`run_predictions\` (\`run_id\`);`);
    this.addSql(`create unique index \`run_predictions_run_id_split_unique\` on \`run_predictions\` (\`run_id\`, \`split\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`run_predictions\`;`);
  }
}
