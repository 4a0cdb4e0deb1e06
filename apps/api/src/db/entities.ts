import { AuditEvent } from '../modules/audit/audit-event.entity';
import { Dataset } from '../modules/dataset/dataset.entity';
import { MetricPoint } from '../modules/metric/metric-point.entity';
import { MetricRollup } from '../modules/metric/metric-rollup.entity';
import { Project } from '../modules/project/project.entity';
import { Artifact } from '../modules/run/artifact.entity';
import { RunPredictions } from '../modules/run/run-predictions.entity';
import { Checkpoint } from '../modules/run/checkpoint.entity';
import { Run } from '../modules/run/run.entity';
import { Study } from '../modules/study/study.entity';
import { ApiToken } from '../modules/team/api-token.entity';
import { Team } from '../modules/team/team.entity';
import { User } from '../modules/team/user.entity';
import { Worker } from '../modules/worker/worker.entity';

export const entities = [Team, User, ApiToken, Project, Dataset, Study, Worker, Run, MetricPoint, MetricRollup, Checkpoint, Artifact, RunPredictions, AuditEvent];
