import { Migration } from '@mikro-orm/migrations';

/** The audit log and the hourly token-use marker (issue 11). Written by hand: MikroORM's SQLite diff rebuilds unchanged tables. */
export class Migration20261128150015 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`audit_event\` (\`id\` text not null, \`team_id\` text not null, \`token_id\` text null, \`token_name\` text not null, \`action\` text not null, \`target_type\` text not null, \`target_id\` text null, \`details\` json null, \`created_at\` datetime not null, constraint \`audit_event_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`audit_event_team_id_index\` on \`audit_event\` (\`team_id\`);`);
    this.addSql(`create index \`audit_event_team_id_created_at_id_index\` on \`audit_event\` (\`team_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`alter table \`api_token\` add column \`use_audited_at\` datetime null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`audit_event\`;`);
    this.addSql(`alter table \`api_token\` drop column \`use_audited_at\`;`);
  }
}
