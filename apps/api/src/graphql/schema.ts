import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DatasetResolver } from '../modules/dataset/dataset.resolver';
import { MetricResolver } from '../modules/metric/metric.resolver';
import { ProjectResolver } from '../modules/project/project.resolver';
import { RunWorkerResolver } from '../modules/run/run-worker.resolver';
import { RunResolver } from '../modules/run/run.resolver';
import { StudyResolver } from '../modules/study/study.resolver';
import { AnalysisResolver } from '../modules/analysis/analysis.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { InferenceResolver } from '../modules/inference/inference.resolver';
import { TeamResolver } from '../modules/team/team.resolver';
import { WorkerResolver } from '../modules/worker/worker.resolver';
import { refuseUnstorableText } from './limits/unstorable-text';
import type { EventBus } from './pubsub';

/** The committed SDL that web, trainer and scripts generate their types from. A test fails when it is stale. */
export const SCHEMA_FILE = path.resolve(__dirname, '../../../../packages/schema/schema.graphql');

export const resolvers = [TeamResolver, ProjectResolver, DatasetResolver, StudyResolver, RunResolver, RunWorkerResolver, MetricResolver, WorkerResolver, AnalysisResolver, InferenceResolver, AuditResolver] as const;

export function buildApiSchema(events: EventBus): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub: events,
    globalMiddlewares: [refuseUnstorableText],
    // Inputs are validated by @tunelab/core, which names the field and the fix.
    validate: false,
    emitSchemaFile: false,
  });
}
