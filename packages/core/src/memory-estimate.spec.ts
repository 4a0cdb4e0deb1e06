import { describe, expect, it } from 'vitest';
import { estimateTrainingMemory, fitBatchToMemory, type ModelShape, modelShapeFromConfig, parameterCount } from './memory-estimate';

const rubertBase: ModelShape = { family: 'bert', hiddenSize: 768, layers: 12, vocabSize: 119_547, intermediateSize: 3072, heads: 12 };
const mamba130m: ModelShape = { family: 'mamba', hiddenSize: 768, layers: 24, vocabSize: 50_280, stateSize: 16, expand: 2 };
const GiB = 2 ** 30;

describe('parameterCount', () => {
  it('is close to the published sizes of the study models', () => {
    expect(parameterCount(rubertBase) / 1e6).toBeCloseTo(178, -1); // DeepPavlov/rubert-base-cased: 178M
    expect(parameterCount(mamba130m) / 1e6).toBeCloseTo(130, -1); // state-spaces/mamba-130m-hf: 129M
  });
});

describe('estimateTrainingMemory', () => {
  it('costs LoRA far less than full fine-tuning of the same model', () => {
    const full = estimateTrainingMemory({ shape: rubertBase, method: 'full', batchSize: 32, maxLength: 256, device: 'cuda' });
    const lora = estimateTrainingMemory({ shape: rubertBase, method: 'lora', batchSize: 32, maxLength: 256, device: 'cuda' });
    expect(lora.trainableParameters / full.trainableParameters).toBeLessThan(0.05);
    expect(lora.bytes).toBeLessThan(full.bytes);
    expect(full.breakdown.optimizer).toBe(2 * full.breakdown.gradients);
  });

  it("sees why the notebook's Mamba at batch 32 x 256 without fused kernels ran out of memory", () => {
    const python = estimateTrainingMemory({ shape: mamba130m, method: 'mamba', batchSize: 32, maxLength: 256, device: 'cuda' });
    const fused = estimateTrainingMemory({ shape: mamba130m, method: 'mamba', batchSize: 32, maxLength: 256, device: 'cuda', fusedMambaKernels: true });
    expect(python.bytes).toBeGreaterThan(16 * GiB);
    expect(fused.bytes).toBeLessThan(python.bytes / 3);
  });

  it('grows with the batch', () => {
    const at = (batchSize: number) => estimateTrainingMemory({ shape: rubertBase, method: 'full', batchSize, maxLength: 256, device: 'cuda' }).bytes;
    expect(at(64)).toBeGreaterThan(at(32));
  });
});

describe('fitBatchToMemory', () => {
  const base = { shape: mamba130m, method: 'mamba' as const, maxLength: 256, device: 'cuda' as const, gradientAccumulationSteps: 1 };

  it('keeps a batch that fits', () => {
    const plan = fitBatchToMemory({ ...base, batchSize: 4, availableBytes: 80 * GiB });
    expect(plan).toMatchObject({ fits: true, batchSize: 4, gradientAccumulationSteps: 1, changed: false });
  });

  it('halves the batch and doubles accumulation until it fits, keeping the effective batch', () => {
    const plan = fitBatchToMemory({ ...base, batchSize: 32, availableBytes: 16 * GiB });
    expect(plan.fits).toBe(true);
    if (plan.fits) {
      expect(plan.batchSize).toBeLessThan(32);
      expect(plan.batchSize * plan.gradientAccumulationSteps).toBe(32);
      expect(plan.estimate.bytes).toBeLessThanOrEqual(16 * GiB * 0.85);
      expect(plan.changed).toBe(true);
    }
  });

  it('refuses with the reason when even a batch of one cannot fit', () => {
    const plan = fitBatchToMemory({ ...base, batchSize: 8, availableBytes: 0.5 * GiB });
    expect(plan.fits).toBe(false);
    if (!plan.fits) expect(plan.reason).toMatch(/needs about .* GiB even at batch size 1, and this cuda has 0.5 GiB/);
  });
});

describe('modelShapeFromConfig', () => {
  it('reads BERT and Mamba configs and refuses other architectures by name', () => {
    expect(modelShapeFromConfig({ model_type: 'bert', hidden_size: 64, num_hidden_layers: 2, vocab_size: 2000, intermediate_size: 128, num_attention_heads: 2 })).toMatchObject({ family: 'bert', hiddenSize: 64, layers: 2 });
    expect(modelShapeFromConfig({ model_type: 'mamba', hidden_size: 768, num_hidden_layers: 24, state_size: 16, expand: 2, vocab_size: 50280 })).toMatchObject({ family: 'mamba', layers: 24 });
    expect(modelShapeFromConfig({ model_type: 'gpt2' })).toMatch(/gpt2/);
  });
});
