import { Migration } from '@mikro-orm/migrations';

/** Runs store their test predictions (issue 6). */
export class Migration20261128123213 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "run_predictions" ("id" varchar(36) not null, "run_id" varchar(36) not null, "split" varchar(32) not null, "examples_key" varchar(64) not null, "count" int not null, "labels" jsonb not null, "predictions" jsonb not null, "created_at" timestamptz not null, constraint "run_predictions_pkey" primary key ("id"));`);
    this.addSql(`alter table "run_predictions" add constraint "run_predictions_run_id_split_unique" unique ("run_id", "split");`);

    this.addSql(`alter table "run_predictions" add constraint "run_predictions_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "run_predictions" cascade;`);
  }

}
