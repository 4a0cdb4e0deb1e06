import { Migration } from '@mikro-orm/migrations';

/** Imported datasets (issue 3): format, column mapping, split files, source and content fingerprints. Written by hand: MikroORM's SQLite diff rebuilds unchanged tables. */
export class Migration20261128100840 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`dataset\` add column \`format\` text null;`);
    this.addSql(`alter table \`dataset\` add column \`columns\` json null;`);
    this.addSql(`alter table \`dataset\` add column \`synthetic\` integer not null default false;`);
    this.addSql(`alter table \`dataset\` add column \`content_fingerprint\` text null;`);
    this.addSql(`alter table \`dataset\` add column \`split_files\` json null;`);
    this.addSql(`alter table \`dataset\` add column \`source_sha256\` text null;`);
    this.addSql(`alter table \`dataset\` add column \`source_bytes\` double null;`);
    this.addSql(`alter table \`dataset\` add column \`imported_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    for (const column of ['format', 'columns', 'synthetic', 'content_fingerprint', 'split_files', 'source_sha256', 'source_bytes', 'imported_at']) {
      this.addSql(`alter table \`dataset\` drop column \`${column}\`;`);
    }
  }
}
