'use client';

import type { StudyAnalysisData } from './analysis-types';
import { formatPValue } from './analysis-model';

/** Each pair of methods: the verdict sentence (paired bootstrap) and McNemar's test per seed. */
export function PairedComparisons({ analysis }: { analysis: StudyAnalysisData }) {
  if (analysis.comparisons.length === 0) return null;
  return (
    <div className="analysis__block">
      <h3 className="analysis__subtitle">Paired comparisons</h3>
      <ul className="verdicts" aria-label="Paired comparisons">
        {analysis.comparisons.map((comparison) => (
          <li
            key={`${comparison.methodA}|${comparison.methodB}`}
            className={`verdict ${comparison.significant ? 'verdict--significant' : ''}`}
            data-significant={comparison.significant ?? undefined}
          >
            <span className="verdict__text">{comparison.verdict}</span>
            {comparison.mcnemar.length > 0 ? (
              <span className="verdict__tests small muted">
                McNemar:{' '}
                {comparison.mcnemar
                  .map((test) => `seed ${test.seed} ${formatPValue(test.pValue)} (${test.onlyA} vs ${test.onlyB} discordant)`)
                  .join(' · ')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
