import type { EntityManager } from '@mikro-orm/knex';
import { type FieldIssue, nameProblem } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { Team } from '../team/team.entity';
import type { RegisterWorkerInput } from './dto/register-worker.input';
import { workerErrors } from './worker.errors';
import { Worker } from './worker.entity';

function registrationIssues(input: RegisterWorkerInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const nameIssue = nameProblem(input.name, 'name');
  if (nameIssue) issues.push({ field: 'input.name', message: nameIssue });
  const hostIssue = nameProblem(input.host, 'host', 255);
  if (hostIssue) issues.push({ field: 'input.host', message: hostIssue });
  if (!Number.isInteger(input.cpus) || input.cpus < 1) issues.push({ field: 'input.cpus', message: `must be a whole number of at least 1 (got ${input.cpus}); report os.cpus().length` });
  if (!Number.isFinite(input.memoryBytes) || input.memoryBytes < 0) issues.push({ field: 'input.memoryBytes', message: `must be a number of bytes, at least 0 (got ${input.memoryBytes})` });
  (input.gpus ?? []).forEach((gpu, index) => {
    if (!Number.isInteger(gpu.index) || gpu.index < 0) issues.push({ field: `input.gpus[${index}].index`, message: 'must be the GPU index reported by nvidia-smi (0, 1, …)' });
    if (!Number.isFinite(gpu.memoryBytes) || gpu.memoryBytes < 0) issues.push({ field: `input.gpus[${index}].memoryBytes`, message: 'must be a number of bytes, at least 0' });
  });
  return issues;
}

export class WorkerService {
  list(em: EntityManager, viewer: Viewer): Promise<Worker[]> {
    return em.find(Worker, { team: viewer.teamId }, { orderBy: { lastHeartbeatAt: 'desc', id: 'asc' } });
  }

  async get(em: EntityManager, viewer: Viewer, id: string): Promise<Worker> {
    const worker = await em.findOne(Worker, { id, team: viewer.teamId });
    if (!worker) throw workerErrors.notFound(id);
    return worker;
  }

  async register(em: EntityManager, viewer: Viewer, input: RegisterWorkerInput): Promise<Worker> {
    const issues = registrationIssues(input);
    if (issues.length) throw workerErrors.badInput(issues);
    const identity = { team: viewer.teamId, name: input.name.trim(), host: input.host.trim() };
    const facts = { cpus: input.cpus, memoryBytes: input.memoryBytes, gpus: (input.gpus ?? []).map((gpu) => ({ ...gpu })), lastHeartbeatAt: new Date() };
    const existing = await em.findOne(Worker, identity);
    if (existing) {
      em.assign(existing, facts);
      await em.flush();
      return existing;
    }
    const worker = em.create(Worker, { ...identity, team: em.getReference(Team, viewer.teamId), ...facts });
    await em.flush();
    return worker;
  }

  async touch(em: EntityManager, worker: Worker): Promise<void> {
    worker.lastHeartbeatAt = new Date();
    await em.flush();
  }
}
