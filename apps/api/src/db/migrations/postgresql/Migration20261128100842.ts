import { Migration } from '@mikro-orm/migrations';

export class Migration20261128100842 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dataset" add column "format" varchar(20) null, add column "columns" jsonb null, add column "synthetic" boolean not null default false, add column "content_fingerprint" varchar(64) null, add column "split_files" jsonb null, add column "source_sha256" varchar(64) null, add column "source_bytes" double precision null, add column "imported_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dataset" drop column "format", drop column "columns", drop column "synthetic", drop column "content_fingerprint", drop column "split_files", drop column "source_sha256", drop column "source_bytes", drop column "imported_at";`);
  }

}
