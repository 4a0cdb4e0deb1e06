'use client';

import { isShown } from './metric-selection';

export const METRIC_PICKER_ID = 'metric-picker';

/** The button that opens the picker: says how many metrics are charted. */
export function MetricPickerToggle({ keys, shown, open, onToggle }: { keys: readonly string[]; shown: ReadonlySet<string> | null; open: boolean; onToggle: () => void }) {
  const count = keys.filter((key) => isShown(shown, key)).length;
  return (
    <button type="button" className="disclosure" aria-expanded={open} aria-controls={METRIC_PICKER_ID} onClick={onToggle}>
      Charted: {count} of {keys.length} {keys.length === 1 ? 'metric' : 'metrics'}
    </button>
  );
}

interface MetricPickerProps {
  keys: readonly string[];
  shown: ReadonlySet<string> | null;
  onToggle: (key: string) => void;
  onShowAll: () => void;
}

/** A checkbox per metric key: which ones are charted. */
export function MetricPicker({ keys, shown, onToggle, onShowAll }: MetricPickerProps) {
  const allShown = keys.every((key) => isShown(shown, key));
  return (
    <fieldset id={METRIC_PICKER_ID} className="metric-picker">
      <legend className="visually-hidden">Metrics to chart</legend>
      <ul className="chips">
        {keys.map((key) => (
          <li key={key}>
            <label className="chip">
              <input type="checkbox" checked={isShown(shown, key)} onChange={() => onToggle(key)} />
              <code>{key}</code>
            </label>
          </li>
        ))}
      </ul>
      {allShown ? null : (
        <button type="button" className="button button--small button--ghost" onClick={onShowAll}>
          Show all
        </button>
      )}
    </fieldset>
  );
}
