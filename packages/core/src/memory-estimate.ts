import type { Method } from './methods';

/**
 * A model's shape, read from its config.json: enough to estimate what training it needs. BERT-like
 * encoders and Mamba (the two families of the study) are modelled; anything else is refused by the caller.
 */
export interface ModelShape {
  family: 'bert' | 'mamba';
  hiddenSize: number;
  layers: number;
  vocabSize: number;
  /** BERT feed-forward width. */
  intermediateSize?: number;
  /** BERT attention heads. */
  heads?: number;
  /** Mamba state size and expansion (d_inner = expand × hidden). */
  stateSize?: number;
  expand?: number;
}

export interface MemoryRequest {
  shape: ModelShape;
  method: Method;
  batchSize: number;
  maxLength: number;
  device: 'cuda' | 'cpu';
  /** Mamba's fused CUDA kernels (mamba-ssm) keep the scan's state out of memory; the Python path does not. */
  fusedMambaKernels?: boolean;
  loraR?: number;
}

export interface MemoryEstimate {
  bytes: number;
  parameters: number;
  trainableParameters: number;
  breakdown: { weights: number; gradients: number; optimizer: number; activations: number; workspace: number };
}

const FP32 = 4;

export function parameterCount(shape: ModelShape): number {
  const h = shape.hiddenSize;
  const embeddings = shape.vocabSize * h;
  if (shape.family === 'bert') {
    const ffn = shape.intermediateSize ?? 4 * h;
    const perLayer = 4 * h * h + 4 * h + 2 * h * ffn + ffn + h + 4 * h; // attention, feed-forward, two layer norms
    return embeddings + 512 * h + 2 * h + shape.layers * perLayer + h * h + h; // + positions, types, pooler
  }
  const inner = (shape.expand ?? 2) * h;
  const state = shape.stateSize ?? 16;
  const dtRank = Math.ceil(h / 16);
  const perLayer = h * 2 * inner + inner * 4 + inner * (dtRank + 2 * state) + dtRank * inner + inner * state + inner + inner * h + h;
  return embeddings + shape.layers * perLayer + h;
}

function trainableCount(request: MemoryRequest, parameters: number): number {
  const { shape, method } = request;
  const h = shape.hiddenSize;
  const head = h * 2 + h * h;
  if (method === 'full' || method === 'mamba') return parameters;
  if (method === 'head-only') return head;
  const r = request.loraR ?? 8;
  // LoRA on two projections per layer (query/value, or in_proj with its doubled width).
  const perLayer = shape.family === 'bert' ? 2 * 2 * r * h : r * (h + 2 * (shape.expand ?? 2) * h);
  return shape.layers * perLayer + head;
}

/**
 * Activation memory per layer kept for the backward pass, in bytes. BERT: the usual transformer estimate
 * (s·b·h·34 + 5·a·s²·b bytes in 16-bit, doubled for fp32 on a CPU). Mamba without fused kernels: the
 * selective scan materialises b·s·d_inner·d_state states per layer, which is what ran the original notebook
 * out of memory at batch 32 × 256.
 */
function activationBytes(request: MemoryRequest): number {
  const { shape, batchSize: b, maxLength: s } = request;
  const h = shape.hiddenSize;
  const precision = request.device === 'cuda' ? 1 : 2;
  if (shape.family === 'bert') {
    const a = shape.heads ?? Math.max(1, Math.round(h / 64));
    return shape.layers * precision * (s * b * h * 34 + 5 * a * s * s * b);
  }
  const inner = (shape.expand ?? 2) * h;
  const state = shape.stateSize ?? 16;
  const scan = request.fusedMambaKernels ? 0 : b * s * inner * state * FP32 * 3;
  return shape.layers * (precision * s * b * inner * 12 + scan);
}

export function estimateTrainingMemory(request: MemoryRequest): MemoryEstimate {
  const parameters = parameterCount(request.shape);
  const trainableParameters = Math.min(parameters, trainableCount(request, parameters));
  const weights = parameters * FP32;
  const gradients = trainableParameters * FP32;
  const optimizer = trainableParameters * 2 * FP32; // AdamW: two moments
  const activations = activationBytes(request);
  const logits = request.batchSize * request.maxLength * request.shape.hiddenSize * FP32;
  const workspace = (request.device === 'cuda' ? 512 * 2 ** 20 : 256 * 2 ** 20) + logits; // allocator, kernels, one layer's temporaries
  const breakdown = { weights, gradients, optimizer, activations, workspace };
  return { bytes: weights + gradients + optimizer + activations + workspace, parameters, trainableParameters, breakdown };
}

export type BatchPlan =
  | { fits: true; batchSize: number; gradientAccumulationSteps: number; estimate: MemoryEstimate; changed: boolean }
  | { fits: false; reason: string; estimate: MemoryEstimate };

const GiB = 2 ** 30;
const gib = (bytes: number) => `${(bytes / GiB).toFixed(1)} GiB`;

/**
 * Keeps the effective batch (batch × accumulation) and halves the micro-batch until the estimate fits in
 * `headroom` of the device's memory; refuses when even a batch of one does not fit.
 */
export function fitBatchToMemory(request: MemoryRequest & { gradientAccumulationSteps: number; availableBytes: number; headroom?: number }): BatchPlan {
  const budget = request.availableBytes * (request.headroom ?? 0.85);
  let batchSize = request.batchSize;
  let accumulation = request.gradientAccumulationSteps;
  for (;;) {
    const estimate = estimateTrainingMemory({ ...request, batchSize });
    if (estimate.bytes <= budget) {
      return { fits: true, batchSize, gradientAccumulationSteps: accumulation, estimate, changed: batchSize !== request.batchSize };
    }
    if (batchSize === 1) {
      return {
        fits: false,
        estimate,
        reason: `training ${request.method} at maxLength ${request.maxLength} needs about ${gib(estimate.bytes)} even at batch size 1, and this ${request.device} has ${gib(request.availableBytes)}; use a shorter maxLength, a smaller model, a LoRA method, or a machine with more memory`,
      };
    }
    const half = Math.max(1, Math.floor(batchSize / 2));
    accumulation = Math.ceil((accumulation * batchSize) / half);
    batchSize = half;
  }
}

/** config.json of a Hugging Face model as a ModelShape, or why it cannot be read as one. */
export function modelShapeFromConfig(config: Record<string, unknown>): ModelShape | string {
  const num = (key: string) => (typeof config[key] === 'number' ? (config[key] as number) : undefined);
  const type = String(config.model_type ?? '');
  if (type === 'bert' || type === 'roberta' || type === 'distilbert') {
    const hiddenSize = num('hidden_size') ?? num('dim');
    const layers = num('num_hidden_layers') ?? num('n_layers');
    if (!hiddenSize || !layers) return `config.json of this ${type} model has no hidden_size or num_hidden_layers`;
    return { family: 'bert', hiddenSize, layers, vocabSize: num('vocab_size') ?? 30_000, intermediateSize: num('intermediate_size'), heads: num('num_attention_heads') };
  }
  if (type === 'mamba') {
    const hiddenSize = num('hidden_size') ?? num('d_model');
    const layers = num('num_hidden_layers') ?? num('n_layer');
    if (!hiddenSize || !layers) return 'config.json of this mamba model has no hidden_size or num_hidden_layers';
    return { family: 'mamba', hiddenSize, layers, vocabSize: num('vocab_size') ?? 50_280, stateSize: num('state_size') ?? num('d_state'), expand: num('expand') };
  }
  return `model_type "${type}" is not one the memory estimate knows (bert, mamba)`;
}
