import { Migration } from '@mikro-orm/migrations';

/** Each run records the split fingerprint it trained on (issue 3). Written by hand: MikroORM's SQLite diff rebuilds unchanged tables. */
export class Migration20261128104800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`run\` add column \`split_fingerprint\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`run\` drop column \`split_fingerprint\`;`);
  }
}
