'use client';

import { gql } from '@urql/next';
import { EmptyState } from '@/components/query-states';
import { formatInteger, formatPercent } from '@/lib/format';
import { labelName } from '@tunelab/core/dist/dataset/labeling';

export interface TestPredictions {
  count: number;
  split: string;
  confusionMatrix: number[][];
}

export const ConfusionMatrix_Run = gql`
  fragment ConfusionMatrix_Run on Run {
    testPredictions {
      count
      split
      confusionMatrix
    }
  }
`;


/** The stored test predictions as a confusion matrix: rows are true labels, columns predicted ones. */
export function ConfusionMatrix({ predictions }: { predictions: TestPredictions | null }) {
  if (!predictions) return <EmptyState title="No stored predictions">The confusion matrix appears once the run stores its test predictions.</EmptyState>;
  const matrix = predictions.confusionMatrix;
  const total = predictions.count || matrix.flat().reduce((a, b) => a + b, 0);
  return (
    <div className="table-scroll">
      <table className="table table--compact confusion" aria-label="Confusion matrix">
        <caption className="table__caption">
          {formatInteger(predictions.count)} {predictions.split} examples. Rows: true label; columns: predicted.
        </caption>
        <thead>
          <tr>
            <th scope="col">True \ predicted</th>
            {matrix.map((_, column) => (
              <th key={column} scope="col" className="num">
                {column} · {labelName(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, truth) => (
            <tr key={truth} data-true-label={truth}>
              <th scope="row">
                {truth} · {labelName(truth)}
              </th>
              {row.map((count, predicted) => (
                <td key={predicted} className={`num ${truth === predicted ? 'confusion__hit' : ''}`} data-predicted={predicted}>
                  {formatInteger(count)}
                  <span className="muted small"> ({total > 0 ? formatPercent(count / total) : '—'})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
