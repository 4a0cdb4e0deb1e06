import { DROP_REASON_DESCRIPTIONS, type DropReason, type QualityReport, qualityReportProblem } from '@tunelab/core';
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class LabelCount {
  @Field(() => Int, { description: '0 or 1.' }) label: number;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Rows dropped for one reason.' })
export class DroppedRows {
  @Field(() => String, { description: 'malformedLine, invalidUtf8, emptyText, neutral, missingOrInvalidGrade, unmappedLabel, duplicateId or duplicateText.' })
  reason: string;
  @Field(() => String) description: string;
  @Field(() => Int) count: number;
  @Field(() => [Int], { description: 'The first 20 line (or row) numbers in the source.' }) lines: number[];
}

@ObjectType()
export class LabelValueCount {
  @Field(() => String) value: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: "How often Kinopoisk's grade3 (Good/Bad) contradicts its grade10 (1–10) at a threshold." })
export class GradeAgreement {
  @Field(() => Float, { description: 'grade10 at or above this counts as positive.' }) threshold: number;
  @Field(() => Int, { description: 'Rows with a Good or Bad grade3 and a grade10 from 1 to 10.' }) compared: number;
  @Field(() => Int) disagreements: number;
  @Field(() => Float) share: number;
  @Field(() => Int) goodBelowThreshold: number;
  @Field(() => Int) badAtOrAboveThreshold: number;
  @Field(() => [Int], { description: 'The first 20 disagreeing lines.' }) lines: number[];
}

@ObjectType({ description: 'Kept rows whose original text states its own score («9 из 10»): label leakage.' })
export class ScoreMentionStats {
  @Field(() => Int) rows: number;
  @Field(() => Float) share: number;
  @Field(() => Boolean, { description: 'True when strip-score-mentions removed them from the texts.' }) stripped: boolean;
}

@ObjectType()
export class LengthBucket {
  @Field(() => Int) from: number;
  @Field(() => Int, { nullable: true, description: 'Exclusive; null for the last bucket.' }) to: number | null;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'Lengths of the kept texts as the model sees them.' })
export class TextLengthStats {
  @Field(() => String, { description: 'characters (UTF-16 code units, one per Cyrillic letter).' }) unit: string;
  @Field(() => Int) min: number;
  @Field(() => Int) max: number;
  @Field(() => Float) mean: number;
  @Field(() => Int) p50: number;
  @Field(() => Int) p90: number;
  @Field(() => Int) p95: number;
  @Field(() => Int) p99: number;
  @Field(() => [LengthBucket]) histogram: LengthBucket[];
}

@ObjectType({ description: 'Always predicting the most frequent label: the accuracy any model must beat.' })
export class MajorityClassBaseline {
  @Field(() => Int) label: number;
  @Field(() => Float, { description: 'On all kept rows.' }) accuracy: number;
  @Field(() => Float, { nullable: true, description: 'On the test split.' }) testAccuracy: number | null;
}

@ObjectType()
export class SplitLabelCounts {
  @Field(() => String) name: string;
  @Field(() => Int) rows: number;
  @Field(() => [LabelCount]) labels: LabelCount[];
}

@ObjectType({ description: 'What an import read, kept and dropped, and what the data looks like.' })
export class DatasetQualityReport {
  @Field(() => Boolean, { description: 'Any row came from the synthetic generator.' }) synthetic: boolean;
  @Field(() => String) labelRule: string;
  @Field(() => String, { nullable: true }) textRule: string | null;
  @Field(() => Int, { description: 'Non-blank lines (or rows) read; rowsKept + rowsDropped.' }) rowsRead: number;
  @Field(() => Int) rowsKept: number;
  @Field(() => Int) rowsDropped: number;
  @Field(() => [LabelCount]) keptPerLabel: LabelCount[];
  @Field(() => [DroppedRows], { description: 'Every reason, in pipeline order, including those with no rows.' }) dropped: DroppedRows[];
  @Field(() => [LabelValueCount], { description: 'Raw labels the rule could not use (top 10): material for a custom mapping.' }) unusableLabels: LabelValueCount[];
  @Field(() => GradeAgreement, { nullable: true, description: 'Null when the source has no grade3/grade10 fields.' }) gradeAgreement: GradeAgreement | null;
  @Field(() => ScoreMentionStats) scoreMentions: ScoreMentionStats;
  @Field(() => TextLengthStats) textLength: TextLengthStats;
  @Field(() => TextLengthStats, { nullable: true, description: 'In tokens, once a tokenizer is known (null at import).' }) tokenLength: TextLengthStats | null;
  @Field(() => MajorityClassBaseline) majorityClass: MajorityClassBaseline;
  @Field(() => [SplitLabelCounts]) splits: SplitLabelCounts[];
}

@ObjectType({ description: 'One split file, ready for the engine: JSON Lines of {"id","text","label"}.' })
export class DatasetSplitFile {
  @Field(() => String, { description: 'train, validation or test.' }) name: string;
  @Field(() => String, { description: 'Absolute path on the API machine.' }) path: string;
  @Field(() => String, { description: 'Relative to the data directory: datasets/<fingerprint>/<name>.jsonl.' }) relativePath: string;
  @Field(() => Int) rows: number;
  @Field(() => String, { description: "SHA-256 of the file's bytes: the split's fingerprint." }) sha256: string;
  @Field(() => [LabelCount]) labels: LabelCount[];
}

/** The stored report (JSON) as the typed GraphQL view; null for anything that is not a version-1 report. */
export function qualityReportView(stored: Record<string, unknown> | null): DatasetQualityReport | null {
  // Rows stored before createDataset checked the report's shape may hold anything: those have no typed view.
  if (!stored || qualityReportProblem(stored) !== null) return null;
  const report = stored as unknown as QualityReport;
  return {
    ...report,
    dropped: report.dropped.map((entry) => ({ ...entry, description: DROP_REASON_DESCRIPTIONS[entry.reason as DropReason] ?? entry.reason })),
  };
}

@ObjectType({ description: 'Which source columns held the text, the label and the id.' })
export class DatasetColumns {
  @Field(() => String) text: string;
  @Field(() => String) label: string;
  @Field(() => String, { nullable: true }) id: string | null;
}
