import { execFile } from 'node:child_process';
import os from 'node:os';

export interface GpuFact {
  index: number;
  name: string;
  memoryBytes: number;
}

function nvidiaSmi(args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', args, { timeout: 5_000 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/** GPUs as nvidia-smi lists them; none where it is absent (a CPU machine). */
export async function listGpus(): Promise<GpuFact[]> {
  const out = await nvidiaSmi(['--query-gpu=index,name,memory.total', '--format=csv,noheader,nounits']);
  if (!out) return [];
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [index, name, memoryMiB] = line.split(',').map((part) => part.trim());
      return { index: Number(index), name, memoryBytes: Number(memoryMiB) * 2 ** 20 };
    });
}

export async function hostFacts(name: string, host: string) {
  return { name, host, cpus: os.cpus().length, memoryBytes: os.totalmem(), gpus: await listGpus() };
}

export interface GpuReading {
  index: number;
  utilizationPercent: number;
  memoryUsedBytes: number;
  powerWatts: number | null;
}

export async function readGpus(): Promise<GpuReading[]> {
  const out = await nvidiaSmi(['--query-gpu=index,utilization.gpu,memory.used,power.draw', '--format=csv,noheader,nounits']);
  if (!out) return [];
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [index, utilization, memoryMiB, power] = line.split(',').map((part) => part.trim());
      return { index: Number(index), utilizationPercent: Number(utilization), memoryUsedBytes: Number(memoryMiB) * 2 ** 20, powerWatts: Number.isFinite(Number(power)) ? Number(power) : null };
    });
}
