import { Migration } from '@mikro-orm/migrations';

/** The audit log and the hourly token-use marker (issue 11). */
export class Migration20261128150021 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" varchar(36) not null, "team_id" varchar(36) not null, "token_id" varchar(36) null, "token_name" varchar(200) not null, "action" varchar(64) not null, "target_type" varchar(32) not null, "target_id" varchar(64) null, "details" jsonb null, "created_at" timestamptz not null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_team_id_created_at_id_index" on "audit_event" ("team_id", "created_at", "id");`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_token" add column "use_audited_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`alter table "api_token" drop column "use_audited_at";`);
  }

}
