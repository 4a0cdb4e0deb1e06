import { Migration } from '@mikro-orm/migrations';

export class Migration20261128094206 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`team\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`team_name_unique\` on \`team\` (\`name\`);`);

    this.addSql(`create table \`project\` (\`id\` text not null, \`team_id\` text not null, \`name\` text not null, \`description\` text null, \`created_at\` datetime not null, constraint \`project_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`project_team_id_index\` on \`project\` (\`team_id\`);`);
    this.addSql(`create unique index \`project_team_id_name_unique\` on \`project\` (\`team_id\`, \`name\`);`);

    this.addSql(`create table \`dataset\` (\`id\` text not null, \`project_id\` text not null, \`name\` text not null, \`source\` text not null, \`label_rule\` text not null, \`text_rule\` text null, \`split_seed\` integer not null, \`train_fraction\` double not null, \`validation_fraction\` double not null, \`test_fraction\` double not null, \`fingerprint\` text null, \`row_counts\` json null, \`quality_report\` json null, \`created_at\` datetime not null, constraint \`dataset_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`dataset_project_id_index\` on \`dataset\` (\`project_id\`);`);
    this.addSql(`create unique index \`dataset_project_id_name_unique\` on \`dataset\` (\`project_id\`, \`name\`);`);

    this.addSql(`create table \`study\` (\`id\` text not null, \`project_id\` text not null, \`dataset_id\` text not null, \`name\` text not null, \`description\` text null, \`max_seq_length\` integer not null, \`metrics\` json not null, \`primary_metric\` text not null, \`seeds\` json not null, \`created_at\` datetime not null, constraint \`study_project_id_foreign\` foreign key(\`project_id\`) references \`project\`(\`id\`) on delete cascade on update cascade, constraint \`study_dataset_id_foreign\` foreign key(\`dataset_id\`) references \`dataset\`(\`id\`) on delete restrict on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`study_project_id_index\` on \`study\` (\`project_id\`);`);
    this.addSql(`create index \`study_dataset_id_index\` on \`study\` (\`dataset_id\`);`);
    this.addSql(`create unique index \`study_project_id_name_unique\` on \`study\` (\`project_id\`, \`name\`);`);

    this.addSql(`create table \`user\` (\`id\` text not null, \`team_id\` text not null, \`email\` text not null, \`name\` text not null, \`created_at\` datetime not null, constraint \`user_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`user_team_id_index\` on \`user\` (\`team_id\`);`);
    this.addSql(`create unique index \`user_team_id_email_unique\` on \`user\` (\`team_id\`, \`email\`);`);

    this.addSql(`create table \`api_token\` (\`id\` text not null, \`team_id\` text not null, \`user_id\` text null, \`name\` text not null, \`prefix\` text not null, \`secret_hash\` text not null, \`site_admin\` integer not null default false, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_token_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete cascade on update cascade, constraint \`api_token_user_id_foreign\` foreign key(\`user_id\`) references \`user\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`api_token_team_id_index\` on \`api_token\` (\`team_id\`);`);
    this.addSql(`create index \`api_token_user_id_index\` on \`api_token\` (\`user_id\`);`);
    this.addSql(`create unique index \`api_token_secret_hash_unique\` on \`api_token\` (\`secret_hash\`);`);

    this.addSql(`create table \`worker\` (\`id\` text not null, \`team_id\` text not null, \`name\` text not null, \`host\` text not null, \`cpus\` integer not null, \`memory_bytes\` double not null, \`gpus\` json not null, \`last_heartbeat_at\` datetime not null, \`created_at\` datetime not null, constraint \`worker_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`worker_team_id_index\` on \`worker\` (\`team_id\`);`);
    this.addSql(`create unique index \`worker_team_id_name_host_unique\` on \`worker\` (\`team_id\`, \`name\`, \`host\`);`);

    this.addSql(`create table \`run\` (\`id\` text not null, \`study_id\` text not null, \`method\` text not null, \`base_model\` text not null, \`hyperparameters\` json not null, \`seed\` integer not null, \`position\` integer not null default 0, \`status\` text check (\`status\` in ('QUEUED', 'CLAIMED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')) not null default 'QUEUED', \`attempt\` integer not null default 0, \`worker_id\` text null, \`lease_expires_at\` datetime null, \`created_at\` datetime not null, \`started_at\` datetime null, \`finished_at\` datetime null, \`device\` text null, \`train_seconds\` double null, \`eval_seconds\` double null, \`trainable_parameters\` double null, \`total_parameters\` double null, \`peak_memory_bytes\` double null, \`final_metrics\` json null, \`error_code\` text null, \`error_message\` text null, constraint \`run_study_id_foreign\` foreign key(\`study_id\`) references \`study\`(\`id\`) on delete cascade on update cascade, constraint \`run_worker_id_foreign\` foreign key(\`worker_id\`) references \`worker\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`run_study_id_index\` on \`run\` (\`study_id\`);`);
    this.addSql(`create index \`run_worker_id_index\` on \`run\` (\`worker_id\`);`);
    this.addSql(`create index \`run_status_created_at_position_index\` on \`run\` (\`status\`, \`created_at\`, \`position\`);`);

    this.addSql(`create table \`metric_rollup\` (\`id\` integer not null primary key autoincrement, \`run_id\` text not null, \`key\` text not null, \`width\` integer not null, \`block\` integer not null, \`count\` integer not null, \`min_value\` double not null, \`max_value\` double not null, \`first_step\` integer not null, \`last_step\` integer not null, \`last_value\` double not null, constraint \`metric_rollup_run_id_foreign\` foreign key(\`run_id\`) references \`run\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`metric_rollup_run_key_width_block_unique\` on \`metric_rollup\` (\`run_id\`, \`key\`, \`width\`, \`block\`);`);

    this.addSql(`create table \`metric_point\` (\`id\` integer not null primary key autoincrement, \`run_id\` text not null, \`key\` text not null, \`step\` integer not null, \`epoch\` double null, \`value\` double not null, \`wall_time\` double not null, constraint \`metric_point_run_id_foreign\` foreign key(\`run_id\`) references \`run\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`metric_point_run_key_step_unique\` on \`metric_point\` (\`run_id\`, \`key\`, \`step\`);`);

    this.addSql(`create table \`checkpoint\` (\`id\` text not null, \`run_id\` text not null, \`epoch\` integer not null, \`step\` integer not null, \`path\` text not null, \`bytes\` double not null, \`metrics\` json null, \`created_at\` datetime not null, constraint \`checkpoint_run_id_foreign\` foreign key(\`run_id\`) references \`run\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`checkpoint_run_id_index\` on \`checkpoint\` (\`run_id\`);`);
    this.addSql(`create unique index \`checkpoint_run_id_epoch_step_unique\` on \`checkpoint\` (\`run_id\`, \`epoch\`, \`step\`);`);

    this.addSql(`create table \`artifact\` (\`id\` text not null, \`run_id\` text not null, \`kind\` text not null, \`path\` text not null, \`sha256\` text not null, \`bytes\` double not null, \`created_at\` datetime not null, constraint \`artifact_run_id_foreign\` foreign key(\`run_id\`) references \`run\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`artifact_run_id_index\` on \`artifact\` (\`run_id\`);`);
    this.addSql(`create unique index \`artifact_run_id_kind_path_unique\` on \`artifact\` (\`run_id\`, \`kind\`, \`path\`);`);
  }

}
