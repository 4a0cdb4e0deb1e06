import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { projects, println, resolveByIdOrName, type Context } from '../context';
import { CliError, EXIT } from '../errors';
import { EXPORT_REPORT } from '../operations';

const FORMATS = { md: 'MARKDOWN', csv: 'CSV', json: 'JSON' } as const;

export async function resolveStudyId(context: Context, ref: string): Promise<string> {
  return resolveByIdOrName(
    ref,
    'study',
    () => context.api().request(`query ($id: ID!) { study(id: $id) { id } }`, { id: ref }),
    async () => (await projects(context)).flatMap((p) => p.studies.map((s) => ({ id: s.id, name: s.name, where: `project "${p.name}"` }))),
  );
}

export function registerExportCommand(program: Command, context: Context): void {
  program
    .command('export')
    .description("a study's report: summary table, statistics over seeds, Pareto front, recommendations, data quality")
    .argument('<study>', 'study id or name')
    .addOption(new Option('--format <format>', 'report format').choices(Object.keys(FORMATS)).default('md'))
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (ref: string, options: { format: keyof typeof FORMATS; out?: string }) => {
      const studyId = await resolveStudyId(context, ref);
      const { exportStudyReport } = await context.api().request(EXPORT_REPORT, { studyId, format: FORMATS[options.format] });
      const content: string = exportStudyReport.content;
      if (!options.out) {
        context.stdout.write(content.endsWith('\n') ? content : `${content}\n`);
        return;
      }
      const target = path.resolve(context.cwd, options.out);
      try {
        fs.writeFileSync(target, content);
      } catch (error) {
        throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`, EXIT.usage);
      }
      println(context.stderr, `wrote ${exportStudyReport.filename} (${Buffer.byteLength(content)} bytes) to ${options.out}`);
    });
}

