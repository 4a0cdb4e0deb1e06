import { LEASE_SECONDS } from '@tunelab/core';
import type { DatabaseDialect } from './db/orm-config';
import type { EventBus } from './graphql/pubsub';
import { PostgresMetricWriter } from './modules/metric/metric-writer.postgresql';
import { SqliteMetricWriter } from './modules/metric/metric-writer.sqlite';
import { AnalysisService } from './modules/analysis/analysis.service';
import { AuditService } from './modules/audit/audit.service';
import { DatasetService } from './modules/dataset/dataset.service';
import { InferenceService } from './modules/inference/inference.service';
import { MetricRepository } from './modules/metric/metric.repository';
import { MetricService } from './modules/metric/metric.service';
import { ProjectService } from './modules/project/project.service';
import { RunLifecycleService } from './modules/run/run-lifecycle.service';
import { RunRepository } from './modules/run/run.repository';
import { RunService } from './modules/run/run.service';
import { StudyService } from './modules/study/study.service';
import { AuthService } from './modules/team/auth.service';
import { TeamService } from './modules/team/team.service';
import { WorkerService } from './modules/worker/worker.service';

/** Every service of the API, wired once per process. They hold no request state: each call gets its EntityManager. */
export interface ServiceSettings {
  dialect: DatabaseDialect;
  dataDir: string;
  leaseSeconds?: number;
  /** Classifier sessions kept loaded for predict. */
  modelCacheSize?: number;
  /** Directories any team may import local files from (TUNELAB_IMPORT_ROOTS). */
  importRoots?: string[];
}

export function createServices(events: EventBus, settings: ServiceSettings) {
  const audit = new AuditService();
  const auth = new AuthService(audit);
  const teams = new TeamService(auth);
  const projects = new ProjectService();
  const datasets = new DatasetService(projects, { dataDir: settings.dataDir, importRoots: settings.importRoots });
  const studies = new StudyService(projects, datasets);
  const workers = new WorkerService();
  const runs = new RunService(new RunRepository(settings.dialect), events);
  const lifecycle = new RunLifecycleService(runs, workers, events, settings.leaseSeconds ?? LEASE_SECONDS);
  const metrics = new MetricService(runs, new MetricRepository(settings.dialect === 'sqlite' ? new SqliteMetricWriter() : new PostgresMetricWriter()), events);
  const analysis = new AnalysisService(studies, runs);
  const inference = new InferenceService(runs, settings.dataDir, settings.modelCacheSize);
  return { events, audit, auth, teams, projects, datasets, studies, workers, runs, lifecycle, metrics, analysis, inference };
}

export type Services = ReturnType<typeof createServices>;
