import { Migration } from '@mikro-orm/migrations';

/** Each run records the split fingerprint it trained on (issue 3). */
export class Migration20261128104802 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "run" add column "split_fingerprint" varchar(128) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "run" drop column "split_fingerprint";`);
  }
}
