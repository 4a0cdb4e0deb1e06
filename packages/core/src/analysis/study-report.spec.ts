import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeStudy, majorityBaseline } from './study-analysis';
import { renderStudyReport, type ReportFormat, type StudyReportContext } from './study-report';
import { fixtureQualityReport, fixtureStudyRuns, fixtureTestLabelCounts } from './study.fixture';

/**
 * The report of the fixture study must match the reviewed golden files byte for byte. After a deliberate
 * change, regenerate with UPDATE_GOLDEN=1 and review the diff like code.
 */
const GOLDEN_DIR = join(__dirname, 'golden');

const context: StudyReportContext = {
  study: { id: 'st_fixture', name: 'Kinopoisk sentiment: full vs LoRA vs Mamba', description: 'The original assignment on a fixture test set of 400 reviews.', maxSeqLength: 256, createdAt: '2026-11-28T09:00:00.000Z' },
  dataset: { id: 'ds_fixture', name: 'kinopoisk', labelRule: 'grade3', textRule: 'strip-score-mentions', quality: fixtureQualityReport() },
  generatedAt: '2026-11-28T12:00:00.000Z',
};

function render(format: ReportFormat) {
  return renderStudyReport(format, context, analyzeStudy(fixtureStudyRuns(), majorityBaseline(fixtureTestLabelCounts())));
}

function matchesGolden(name: string, content: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, content);
  expect(content).toBe(readFileSync(path, 'utf8'));
}

describe('renderStudyReport', () => {
  it('renders the fixture study as the reviewed Markdown', () => {
    const report = render('MARKDOWN');
    expect(report).toMatchObject({ filename: 'kinopoisk-sentiment-full-vs-lora-vs-mamba-report.md', contentType: 'text/markdown; charset=utf-8' });
    matchesGolden('fixture-study.md', report.content);
  });

  it('renders the summary table as CSV with method, run and baseline rows', () => {
    const report = render('CSV');
    matchesGolden('fixture-study.csv', report.content);
    const [header, ...rows] = report.content.trimEnd().split('\r\n');
    expect(header.split(',')).toContain('f1_macro_ci_low');
    expect(rows.map((row) => row.split(',')[0])).toEqual(['method', 'run', 'run', 'method', 'run', 'run', 'method', 'run', 'run', 'baseline']);
  });

  it('renders JSON that carries the analysis, the recommendations and the conclusions', () => {
    const document = JSON.parse(render('JSON').content);
    expect(document).toMatchObject({ format: 'tunelab.study-report', version: 1, study: { id: 'st_fixture' } });
    expect(document.analysis.methods.map((method: { method: string }) => method.method)).toEqual(['full', 'lora', 'mamba']);
    expect(document.recommendations[0].recommendation.method).toBe('lora');
    expect(document.conclusions[0]).toMatch(/^BERT full fine-tuning has the highest mean macro-F1/);
  });

  it('derives conclusions from the numbers: a changed result changes the text', () => {
    const runs = fixtureStudyRuns().filter((run) => run.method !== 'lora');
    const report = renderStudyReport('MARKDOWN', context, analyzeStudy(runs, null)).content;
    expect(report).toContain('**Recommended: BERT full fine-tuning');
    expect(report).not.toContain('BERT + LoRA');
  });

  it('says so when there is nothing to report yet', () => {
    const report = renderStudyReport('MARKDOWN', context, analyzeStudy([], null)).content;
    expect(report).toContain('No succeeded, comparable runs yet: there is nothing to conclude.');
  });
});
