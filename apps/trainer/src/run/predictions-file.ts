import fs from 'node:fs';

export interface PredictionColumns {
  ids: string[];
  labels: number[];
  predictions: number[];
}

/**
 * The engine's predictions file (predictions/test.jsonl: one {"id", "label", "prediction", "probabilities"}
 * per line, in split-file order) as the columns the API stores. Probabilities stay on the worker.
 */
export function readPredictionsFile(path: string): PredictionColumns {
  const columns: PredictionColumns = { ids: [], labels: [], predictions: [] };
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as { id?: unknown; label?: unknown; prediction?: unknown };
    if (typeof row.id !== 'string' || typeof row.label !== 'number' || typeof row.prediction !== 'number') {
      throw new Error(`${path}:${index + 1} is not an {"id", "label", "prediction"} row`);
    }
    columns.ids.push(row.id);
    columns.labels.push(row.label);
    columns.predictions.push(row.prediction);
  });
  return columns;
}
