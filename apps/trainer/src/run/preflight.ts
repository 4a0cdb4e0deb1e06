import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BatchPlan, fitBatchToMemory, type Method, modelShapeFromConfig } from '@tunelab/core';
import { listGpus } from '../host/host-facts';
import type { ClaimedRun } from './run-spec';

/** A base model's config.json: a local directory, or the newest snapshot of a hub id in the HF cache. */
export function findModelConfig(baseModel: string): string | null {
  const local = path.join(baseModel.replace(/^~/, os.homedir()), 'config.json');
  if (fs.existsSync(local)) return local;
  if (!/^[\w.-]+\/[\w.-]+$/.test(baseModel)) return null;
  const hub = process.env.HF_HUB_CACHE ?? path.join(process.env.HF_HOME ?? path.join(os.homedir(), '.cache/huggingface'), 'hub');
  const snapshots = path.join(hub, `models--${baseModel.replace('/', '--')}`, 'snapshots');
  try {
    const newest = fs
      .readdirSync(snapshots)
      .map((name) => path.join(snapshots, name, 'config.json'))
      .filter((file) => fs.existsSync(file))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    return newest ?? null;
  } catch {
    return null;
  }
}

export type Preflight = { kind: 'skipped'; why: string } | { kind: 'planned'; plan: BatchPlan; device: 'cuda' | 'cpu'; availableBytes: number };

/**
 * Before launching: will (model, method, batch, max length) fit in this machine's memory? The original
 * notebook's machine crashed on exactly this. The answer may shrink the micro-batch (same effective batch).
 */
export async function preflight(run: ClaimedRun): Promise<Preflight> {
  const configFile = findModelConfig(run.baseModel);
  if (!configFile) return { kind: 'skipped', why: `no config.json found for ${run.baseModel}; the engine will say where it looked` };
  let shape;
  try {
    shape = modelShapeFromConfig(JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    return { kind: 'skipped', why: `${configFile} is not readable JSON: ${(error as Error).message}` };
  }
  if (typeof shape === 'string') return { kind: 'skipped', why: shape };
  const gpus = await listGpus();
  const device = gpus.length ? 'cuda' : 'cpu';
  const availableBytes = gpus.length ? gpus[0].memoryBytes : os.freemem();
  const hp = run.effectiveHyperparameters ?? run.hyperparameters;
  const plan = fitBatchToMemory({
    shape,
    method: run.method as Method,
    batchSize: hp.batchSize ?? run.hyperparameters.batchSize,
    gradientAccumulationSteps: hp.gradientAccumulationSteps ?? run.hyperparameters.gradientAccumulationSteps,
    maxLength: run.study.maxSeqLength,
    device,
    availableBytes,
    loraR: run.hyperparameters.loraR ?? undefined,
    fusedMambaKernels: process.env.TUNELAB_MAMBA_KERNELS === '1',
  });
  return { kind: 'planned', plan, device, availableBytes };
}
