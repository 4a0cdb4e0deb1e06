import { Migration } from '@mikro-orm/migrations';

export class Migration20261128094208 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "team" ("id" varchar(36) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "team_pkey" primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);

    this.addSql(`create table "project" ("id" varchar(36) not null, "team_id" varchar(36) not null, "name" varchar(200) not null, "description" text null, "created_at" timestamptz not null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`alter table "project" add constraint "project_team_id_name_unique" unique ("team_id", "name");`);

    this.addSql(`create table "dataset" ("id" varchar(36) not null, "project_id" varchar(36) not null, "name" varchar(200) not null, "source" text not null, "label_rule" varchar(500) not null, "text_rule" varchar(100) null, "split_seed" int not null, "train_fraction" double precision not null, "validation_fraction" double precision not null, "test_fraction" double precision not null, "fingerprint" varchar(128) null, "row_counts" jsonb null, "quality_report" jsonb null, "created_at" timestamptz not null, constraint "dataset_pkey" primary key ("id"));`);
    this.addSql(`alter table "dataset" add constraint "dataset_project_id_name_unique" unique ("project_id", "name");`);

    this.addSql(`create table "study" ("id" varchar(36) not null, "project_id" varchar(36) not null, "dataset_id" varchar(36) not null, "name" varchar(200) not null, "description" text null, "max_seq_length" int not null, "metrics" jsonb not null, "primary_metric" varchar(128) not null, "seeds" jsonb not null, "created_at" timestamptz not null, constraint "study_pkey" primary key ("id"));`);
    this.addSql(`alter table "study" add constraint "study_project_id_name_unique" unique ("project_id", "name");`);

    this.addSql(`create table "user" ("id" varchar(36) not null, "team_id" varchar(36) not null, "email" varchar(320) not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "user_pkey" primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_team_id_email_unique" unique ("team_id", "email");`);

    this.addSql(`create table "api_token" ("id" varchar(36) not null, "team_id" varchar(36) not null, "user_id" varchar(36) null, "name" varchar(200) not null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "site_admin" boolean not null default false, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "worker" ("id" varchar(36) not null, "team_id" varchar(36) not null, "name" varchar(200) not null, "host" varchar(255) not null, "cpus" int not null, "memory_bytes" double precision not null, "gpus" jsonb not null, "last_heartbeat_at" timestamptz not null, "created_at" timestamptz not null, constraint "worker_pkey" primary key ("id"));`);
    this.addSql(`alter table "worker" add constraint "worker_team_id_name_host_unique" unique ("team_id", "name", "host");`);

    this.addSql(`create table "run" ("id" varchar(36) not null, "study_id" varchar(36) not null, "method" varchar(32) not null, "base_model" varchar(500) not null, "hyperparameters" jsonb not null, "seed" int not null, "position" int not null default 0, "status" text check ("status" in ('QUEUED', 'CLAIMED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')) not null default 'QUEUED', "attempt" int not null default 0, "worker_id" varchar(36) null, "lease_expires_at" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "device" varchar(64) null, "train_seconds" double precision null, "eval_seconds" double precision null, "trainable_parameters" double precision null, "total_parameters" double precision null, "peak_memory_bytes" double precision null, "final_metrics" jsonb null, "error_code" varchar(64) null, "error_message" text null, constraint "run_pkey" primary key ("id"));`);
    this.addSql(`create index "run_study_id_index" on "run" ("study_id");`);
    this.addSql(`create index "run_status_created_at_position_index" on "run" ("status", "created_at", "position");`);

    this.addSql(`create table "metric_rollup" ("id" bigserial primary key, "run_id" varchar(36) not null, "key" varchar(128) not null, "width" int not null, "block" int not null, "count" int not null, "min_value" double precision not null, "max_value" double precision not null, "first_step" int not null, "last_step" int not null, "last_value" double precision not null);`);
    this.addSql(`alter table "metric_rollup" add constraint "metric_rollup_run_key_width_block_unique" unique ("run_id", "key", "width", "block");`);

    this.addSql(`create table "metric_point" ("id" bigserial primary key, "run_id" varchar(36) not null, "key" varchar(128) not null, "step" int not null, "epoch" double precision null, "value" double precision not null, "wall_time" double precision not null);`);
    this.addSql(`alter table "metric_point" add constraint "metric_point_run_key_step_unique" unique ("run_id", "key", "step");`);

    this.addSql(`create table "checkpoint" ("id" varchar(36) not null, "run_id" varchar(36) not null, "epoch" int not null, "step" int not null, "path" text not null, "bytes" double precision not null, "metrics" jsonb null, "created_at" timestamptz not null, constraint "checkpoint_pkey" primary key ("id"));`);
    this.addSql(`alter table "checkpoint" add constraint "checkpoint_run_id_epoch_step_unique" unique ("run_id", "epoch", "step");`);

    this.addSql(`create table "artifact" ("id" varchar(36) not null, "run_id" varchar(36) not null, "kind" varchar(64) not null, "path" text not null, "sha256" varchar(64) not null, "bytes" double precision not null, "created_at" timestamptz not null, constraint "artifact_pkey" primary key ("id"));`);
    this.addSql(`alter table "artifact" add constraint "artifact_run_id_kind_path_unique" unique ("run_id", "kind", "path");`);

    this.addSql(`alter table "project" add constraint "project_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dataset" add constraint "dataset_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "study" add constraint "study_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "study" add constraint "study_dataset_id_foreign" foreign key ("dataset_id") references "dataset" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "user" add constraint "user_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_token" add constraint "api_token_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "worker" add constraint "worker_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "run" add constraint "run_study_id_foreign" foreign key ("study_id") references "study" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "run" add constraint "run_worker_id_foreign" foreign key ("worker_id") references "worker" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "metric_rollup" add constraint "metric_rollup_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "metric_point" add constraint "metric_point_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "checkpoint" add constraint "checkpoint_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "artifact" add constraint "artifact_run_id_foreign" foreign key ("run_id") references "run" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project" drop constraint "project_team_id_foreign";`);

    this.addSql(`alter table "user" drop constraint "user_team_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_team_id_foreign";`);

    this.addSql(`alter table "worker" drop constraint "worker_team_id_foreign";`);

    this.addSql(`alter table "dataset" drop constraint "dataset_project_id_foreign";`);

    this.addSql(`alter table "study" drop constraint "study_project_id_foreign";`);

    this.addSql(`alter table "study" drop constraint "study_dataset_id_foreign";`);

    this.addSql(`alter table "run" drop constraint "run_study_id_foreign";`);

    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);

    this.addSql(`alter table "run" drop constraint "run_worker_id_foreign";`);

    this.addSql(`alter table "metric_rollup" drop constraint "metric_rollup_run_id_foreign";`);

    this.addSql(`alter table "metric_point" drop constraint "metric_point_run_id_foreign";`);

    this.addSql(`alter table "checkpoint" drop constraint "checkpoint_run_id_foreign";`);

    this.addSql(`alter table "artifact" drop constraint "artifact_run_id_foreign";`);

    this.addSql(`drop table if exists "team" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "dataset" cascade;`);

    this.addSql(`drop table if exists "study" cascade;`);

    this.addSql(`drop table if exists "user" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);

    this.addSql(`drop table if exists "worker" cascade;`);

    this.addSql(`drop table if exists "run" cascade;`);

    this.addSql(`drop table if exists "metric_rollup" cascade;`);

    this.addSql(`drop table if exists "metric_point" cascade;`);

    this.addSql(`drop table if exists "checkpoint" cascade;`);

    this.addSql(`drop table if exists "artifact" cascade;`);
  }

}
