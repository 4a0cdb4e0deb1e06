import { labelName } from '@tunelab/core/dist/dataset/labeling';
import { formatInteger, formatPercent } from '@/lib/format';

/** The part of a dataset's quality report the study page summarises (`DataQualitySummary_Dataset`). */
export interface QualitySummaryReport {
  rowsRead: number;
  rowsKept: number;
  rowsDropped: number;
  keptPerLabel: Array<{ label: number; count: number }>;
  majorityClass: { label: number; accuracy: number; testAccuracy: number | null };
  scoreMentions: { rows: number; share: number; stripped: boolean };
  gradeAgreement: { compared: number; disagreements: number; share: number } | null;
  synthetic: boolean;
}

export interface QualityFact {
  key: string;
  label: string;
  value: string;
  /** Worth a second look before trusting scores (kept score mentions, many grade disagreements). */
  warn?: boolean;
}


/** Grade disagreements above this share are flagged: the labels themselves are noisy. */
export const DISAGREEMENT_WARN_SHARE = 0.05;

/** The report as a few short facts, in the order the study page shows them. */
export function qualityFacts(report: QualitySummaryReport): QualityFact[] {
  const kept = report.rowsKept;
  const facts: QualityFact[] = [
    {
      key: 'rows',
      label: 'Rows read / kept / dropped',
      value: `${formatInteger(report.rowsRead)} / ${formatInteger(kept)} / ${formatInteger(report.rowsDropped)}`,
    },
    {
      key: 'labels',
      label: 'Kept per label',
      value: report.keptPerLabel.map(({ label, count }) => `${labelName(label)} ${formatInteger(count)}${kept > 0 ? ` (${formatPercent(count / kept)})` : ''}`).join(' · '),
    },
    {
      key: 'majority',
      label: 'Majority-class baseline',
      value: `always ${labelName(report.majorityClass.label)}: accuracy ${formatPercent(report.majorityClass.testAccuracy ?? report.majorityClass.accuracy)}${report.majorityClass.testAccuracy !== null ? ' on test' : ''}`,
    },
    {
      key: 'score-mentions',
      label: 'Texts stating their score',
      value:
        report.scoreMentions.rows === 0
          ? 'none'
          : `${formatPercent(report.scoreMentions.share)} (${formatInteger(report.scoreMentions.rows)}), ${report.scoreMentions.stripped ? 'stripped' : 'kept: a model can read the label off them'}`,
      warn: report.scoreMentions.rows > 0 && !report.scoreMentions.stripped,
    },
  ];
  if (report.gradeAgreement) {
    facts.push({
      key: 'grade-disagreements',
      label: 'grade3 / grade10 disagreements',
      value: `${formatInteger(report.gradeAgreement.disagreements)} of ${formatInteger(report.gradeAgreement.compared)} (${formatPercent(report.gradeAgreement.share)})`,
      warn: report.gradeAgreement.share > DISAGREEMENT_WARN_SHARE,
    });
  }
  return facts;
}
