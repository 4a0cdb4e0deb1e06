import fs from 'node:fs';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { Tokenizer } from 'tokenizers';

/**
 * A run's exported classifier — `model.onnx` (inputs input_ids and attention_mask, int64, right-padded; output
 * logits), `tokenizer.json` and `model.json` (max length, pad id, labels) as the engine writes them — run with
 * ONNX Runtime. Texts are tokenised the way the engine tokenised them for training: special tokens added,
 * truncated to the run's max length, each batch padded only to its longest text.
 */
export interface ModelCard {
  method: string;
  family: string;
  numLabels: number;
  maxLength: number;
  padTokenId: number;
}

export interface Classification {
  label: number;
  probabilities: number[];
  /** Tokens the model saw, special tokens included; equal to maxLength when the text was cut. */
  tokens: number;
  truncated: boolean;
}

export type ExecutionProvider = 'cpu' | 'cuda';

export class ModelFilesMissing extends Error {
  constructor(readonly missing: string[], dir: string) {
    super(`the exported model in ${dir} lacks ${missing.join(', ')}; the engine writes them when the run's export.onnx is true`);
  }
}

export class Classifier {
  private constructor(
    readonly dir: string,
    readonly card: ModelCard,
    readonly provider: ExecutionProvider,
    readonly modelBytes: number,
    private readonly session: InferenceSession,
    private readonly tokenizer: Tokenizer,
  ) {}

  /** Loads an export directory; CUDA when asked for and the binding has it, CPU otherwise. */
  static async load(dir: string, options: { provider?: ExecutionProvider } = {}): Promise<Classifier> {
    const files = { model: path.join(dir, 'model.onnx'), tokenizer: path.join(dir, 'tokenizer.json'), card: path.join(dir, 'model.json') };
    const missing = Object.values(files).filter((file) => !fs.existsSync(file)).map((file) => path.basename(file));
    if (missing.length) throw new ModelFilesMissing(missing, dir);
    const card = readCard(files.card);
    const tokenizer = Tokenizer.fromFile(files.tokenizer);
    tokenizer.setTruncation(card.maxLength);
    const wanted = options.provider ?? 'cpu';
    let session: InferenceSession;
    let provider: ExecutionProvider = wanted;
    try {
      session = await InferenceSession.create(files.model, { executionProviders: wanted === 'cuda' ? ['cuda', 'cpu'] : ['cpu'], graphOptimizationLevel: 'all' });
    } catch (error) {
      if (wanted !== 'cuda') throw error;
      // The npm binding ships without the CUDA provider unless it was installed with it: fall back, say so.
      session = await InferenceSession.create(files.model, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
      provider = 'cpu';
    }
    const modelBytes = fs.readdirSync(dir).filter((name) => name.startsWith('model.onnx')).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    return new Classifier(dir, card, provider, modelBytes, session, tokenizer);
  }

  async classify(texts: readonly string[]): Promise<Classification[]> {
    if (!texts.length) return [];
    const encodings = await this.tokenizer.encodeBatch([...texts]);
    const ids = encodings.map((encoding) => encoding.getIds());
    const width = Math.max(2, ...ids.map((row) => row.length));
    const inputIds = new BigInt64Array(ids.length * width).fill(BigInt(this.card.padTokenId));
    const attentionMask = new BigInt64Array(ids.length * width);
    ids.forEach((row, r) => {
      for (let c = 0; c < row.length; c++) {
        inputIds[r * width + c] = BigInt(row[c]);
        attentionMask[r * width + c] = 1n;
      }
    });
    const outputs = await this.session.run({
      input_ids: new Tensor('int64', inputIds, [ids.length, width]),
      attention_mask: new Tensor('int64', attentionMask, [ids.length, width]),
    });
    const logits = outputs.logits.data as Float32Array;
    const labels = outputs.logits.dims[1] as number;
    return ids.map((row, r) => {
      const probabilities = softmax(logits.subarray(r * labels, (r + 1) * labels));
      return { label: argmax(probabilities), probabilities, tokens: row.length, truncated: row.length >= this.card.maxLength };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function readCard(file: string): ModelCard {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ModelCard>;
  for (const field of ['numLabels', 'maxLength', 'padTokenId'] as const) {
    if (typeof raw[field] !== 'number') throw new Error(`${file}: ${field} must be a number; re-export the model with this engine`);
  }
  return { method: String(raw.method ?? ''), family: String(raw.family ?? ''), numLabels: raw.numLabels!, maxLength: raw.maxLength!, padTokenId: raw.padTokenId! };
}

export function softmax(logits: ArrayLike<number>): number[] {
  const values = Array.from(logits);
  const max = Math.max(...values);
  const exps = values.map((value) => Math.exp(value - max));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

function argmax(values: readonly number[]): number {
  return values.reduce((best, value, index) => (value > values[best] ? index : best), 0);
}
