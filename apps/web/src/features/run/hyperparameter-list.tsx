'use client';

import { gql } from '@urql/next';
import { describeBatchChange } from './batch-change';

export interface Hyperparameters {
  learningRate: number;
  batchSize: number;
  epochs: number;
  weightDecay: number;
  warmupRatio: number;
  gradientAccumulationSteps: number;
  loraR: number | null;
  loraAlpha: number | null;
  loraDropout: number | null;
  loraTargetModules: string[] | null;
  pooling: string | null;
}

export const HyperparameterList_Hyperparameters = gql`
  fragment HyperparameterList_Hyperparameters on Hyperparameters {
    learningRate
    batchSize
    epochs
    weightDecay
    warmupRatio
    gradientAccumulationSteps
    loraR
    loraAlpha
    loraDropout
    loraTargetModules
    pooling
  }
`;

/**
 * The run's resolved hyperparameters. When the worker trains with another batch
 * (`effective`, after running out of memory or a memory pre-flight), the batch
 * row shows both: "16 → 8 × 2 accumulation".
 */
export function HyperparameterList({ hp, effective }: { hp: Hyperparameters; effective: Hyperparameters | null }) {
  const batchChange = describeBatchChange(hp, effective);
  const batchRows: Array<[string, string | number | null]> = batchChange
    ? [['Batch size', batchChange.summary]]
    : [
        ['Batch size', hp.batchSize],
        ['Gradient accumulation', hp.gradientAccumulationSteps],
      ];
  const rows: Array<[string, string | number | null]> = [
    ['Learning rate', hp.learningRate],
    ...batchRows,
    ['Epochs', hp.epochs],
    ['Weight decay', hp.weightDecay],
    ['Warmup ratio', hp.warmupRatio],
    ['Pooling', hp.pooling],
    ['LoRA r', hp.loraR],
    ['LoRA alpha', hp.loraAlpha],
    ['LoRA dropout', hp.loraDropout],
    ['LoRA target modules', hp.loraTargetModules?.join(', ') ?? null],
  ];
  return (
    <>
      <table className="table table--compact" aria-label="Hyperparameters">
        <tbody>
          {rows
            .filter(([, value]) => value !== null && value !== '')
            .map(([label, value]) => (
              <tr key={label} className={label === 'Batch size' && batchChange ? 'row--changed' : undefined}>
                <th scope="row">{label}</th>
                <td className="num" data-field={label === 'Batch size' ? 'batch' : undefined}>
                  {String(value)}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      {batchChange ? (
        <p className="small muted note" data-testid="batch-change-note">
          The worker changed the batch it trains with; see Restarts and batch changes. {batchChange.effect}
        </p>
      ) : null}
    </>
  );
}
