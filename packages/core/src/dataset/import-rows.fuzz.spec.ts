import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExampleFilter } from './example-filter';
import { DROP_REASONS, type DropReason, MAX_LINES_PER_REASON, qualityReportProblem } from './quality-report';
import { type DatasetColumns, parseJsonObjectLine, recordFromObject, type SourceRecord } from './records';
import { exampleLine } from './split-manifest';
import { checkProperty, FUZZ_SEED as SEED } from '../testing/fuzz';

/**
 * Hostile rows through the import pipeline (issue 11): whatever a JSONL or CSV row holds — wrong JSON types,
 * broken JSON, lone surrogates, NUL, huge texts, duplicates — the pipeline never throws, every row is either
 * kept or dropped for one reason with its line number, rowsRead = rowsKept + rowsDropped, and every kept example
 * is one well-formed split-file line. Seeded: a failure prints the seed and the shrunk rows to reproduce it.
 */
const RUNS = 1000;
const check = (property: fc.IRawProperty<any>, seed: number, numRuns = RUNS) => checkProperty(property, seed, numRuns);

const KINOPOISK: DatasetColumns = { text: 'content', label: 'grade3', id: 'review_id' };
const LABEL_RULES = ['grade3', 'grade10>=7', 'grade10>=1', 'grade10>=10', 'custom:{"pos":1,"neg":0,"1":1,"0":0," spaced ":1}'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 3 }), loneSurrogate, fc.constantFrom('\u0000', '\r', '\n', '\u202e', '\ufeff', '🤖', '«9 из 10»')), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'Очень длинный отзыв. '.repeat(Math.ceil(n / 21)).slice(0, n)) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t\n', 'Good', 'Bad', 'Neutral', ' good ', 'GOOD', '10.0', '7', '0', '1', 'pos', 'neg', 'null', 'undefined', '__proto__', 'constructor') },
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1, 7, 10, 10.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324));
const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant(undefined));
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), leaf, { maxKeys: 3 }) },
);
/** Few distinct ids and texts, so duplicates happen often. */
const plausibleText = fc.constantFrom('Отличный фильм, всем советую.', 'Скучно. 2/10', 'Фильм на 9 из 10!', 'Так себе кино', '   ', '');
const plausibleId = fc.oneof(fc.constantFrom('1', '2', '3', 1, 2, ' 1 '), fc.integer({ min: 1, max: 50 }));

const recordFields = fc.record(
  {
    text: fc.oneof({ weight: 3, arbitrary: plausibleText }, { weight: 2, arbitrary: jsonish }),
    // grade3: the label column of the Kinopoisk layout the pipeline reads here.
    grade3: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Good', 'Bad', 'Neutral', 7, '10.0', 'pos', 'neg', 1, 0) },
      { weight: 2, arbitrary: jsonish },
      // Label values the report quotes back: a lone surrogate, a NUL, an emoji right where the quote is cut.
      { weight: 1, arbitrary: fc.constantFrom('\ud800', 'bad\udfff', 'a\u0000b', `${'x'.repeat(99)}🤖`, `${'я'.repeat(150)}`) },
    ),
    id: fc.oneof({ weight: 3, arbitrary: plausibleId }, { weight: 1, arbitrary: jsonish }),
    grade10: jsonish,
    synthetic: fc.oneof(fc.constant(true), leaf),
  },
  { requiredKeys: [] },
);

type Row = { kind: 'record'; fields: Partial<Record<string, unknown>> } | { kind: 'malformed' } | { kind: 'invalidUtf8' };
const row: fc.Arbitrary<Row> = fc.oneof(
  { weight: 10, arbitrary: recordFields.map((fields) => ({ kind: 'record' as const, fields })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'malformed' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalidUtf8' as const }) },
);

/** Runs rows through ExampleFilter as the importer does; returns what happened to each line. */
function runPipeline(rows: Row[], labelRule: string, textRule: string | null, columns: DatasetColumns = KINOPOISK) {
  const filter = new ExampleFilter({ labelRule, textRule });
  const kept = new Map<number, { id: string; text: string; label: number }>();
  const dropped = new Set<number>();
  rows.forEach((entry, index) => {
    const line = index * 2 + 1; // gaps, as blank lines leave them
    if (entry.kind === 'malformed') {
      filter.malformed(line);
      dropped.add(line);
      return;
    }
    if (entry.kind === 'invalidUtf8') {
      filter.invalidUtf8(line);
      dropped.add(line);
      return;
    }
    const record = recordFromObject(entry.fields as Record<string, unknown>, line, columns);
    const example = filter.add(record);
    if (example) kept.set(line, example);
    else dropped.add(line);
  });
  return { filter, kept, dropped };
}

function checkReport(rows: Row[], outcome: ReturnType<typeof runPipeline>) {
  const report = outcome.filter.report.finish();
  expect(report.rowsRead).toBe(rows.length);
  expect(report.rowsKept + report.rowsDropped).toBe(report.rowsRead);
  expect(report.rowsKept).toBe(outcome.kept.size);
  expect(report.rowsDropped).toBe(outcome.dropped.size);
  expect(report.keptPerLabel.reduce((sum, entry) => sum + entry.count, 0)).toBe(report.rowsKept);
  expect(report.dropped.map((entry) => entry.reason)).toEqual([...DROP_REASONS]);
  const reported = new Map<number, DropReason>();
  for (const entry of report.dropped) {
    // The first lines of each reason, in file order, each a line that was really dropped.
    expect(entry.lines.length).toBe(Math.min(entry.count, MAX_LINES_PER_REASON));
    expect([...entry.lines].sort((a, b) => a - b)).toEqual(entry.lines);
    for (const line of entry.lines) {
      expect(outcome.dropped.has(line), `line ${line} reported as ${entry.reason} but kept`).toBe(true);
      expect(reported.has(line), `line ${line} dropped for two reasons`).toBe(false);
      reported.set(line, entry.reason);
    }
  }
  // Malformed and invalid-UTF-8 lines are reported under their own reasons.
  rows.forEach((entry, index) => {
    const line = index * 2 + 1;
    if (entry.kind !== 'record' && reported.has(line)) expect(reported.get(line)).toBe(entry.kind === 'malformed' ? 'malformedLine' : 'invalidUtf8');
  });
  // The report is stored as JSON: it must survive the round trip unchanged, and read back as a report.
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  expect(qualityReportProblem(JSON.parse(JSON.stringify(report)))).toBeNull();
  // Raw label values from the file are stored in the report (a JSON column): short, and text PostgreSQL can store
  // (no NUL, no lone surrogate — slicing must not cut a surrogate pair in two).
  for (const { value } of report.unusableLabels) {
    expect(Array.from(value).length).toBeLessThanOrEqual(100);
    expect(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value), `unstorable label value ${JSON.stringify(value)}`).toBe(false);
  }
}

function checkExamples(outcome: ReturnType<typeof runPipeline>) {
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const example of outcome.kept.values()) {
    expect(example.label === 0 || example.label === 1).toBe(true);
    expect(example.text).toBe(example.text.trim());
    expect(example.text).not.toBe('');
    expect(texts.has(example.text), `duplicate text kept: ${JSON.stringify(example.text).slice(0, 80)}`).toBe(false);
    texts.add(example.text);
    if (!example.id.startsWith('line-')) {
      expect(ids.has(example.id), `duplicate id kept: ${example.id}`).toBe(false);
      ids.add(example.id);
    }
    // One split-file line: a single trailing newline, valid JSON, UTF-8-encodable (no lone surrogate escapes lost).
    const line = exampleLine(example as never);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual(example);
    expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  }
}

describe('hostile rows through ExampleFilter', () => {
  it('never throws, drops each bad row once with its line, and keeps well-formed unique examples', () => {
    check(
      fc.property(fc.array(row, { maxLength: 60 }), fc.constantFrom(...LABEL_RULES), fc.constantFrom(null, 'strip-score-mentions'), (rows, labelRule, textRule) => {
        const outcome = runPipeline(rows, labelRule, textRule);
        checkReport(rows, outcome);
        checkExamples(outcome);
      }),
      SEED,
    );
  });

  it('handles rows whose mapped columns are missing or hold any JSON type', () => {
    const column = fc.oneof(fc.constantFrom('content', 'grade3', 'review_id', 'text', '__proto__', 'constructor', ''), fc.string({ maxLength: 8 }));
    check(
      fc.property(fc.array(row, { maxLength: 30 }), column, column, fc.option(column, { nil: null }), (rows, text, label, id) => {
        const outcome = runPipeline(rows, 'grade3', null, { text, label, id });
        checkReport(rows, outcome);
        checkExamples(outcome);
      }),
      SEED + 1,
    );
  });
});

describe('hostile JSONL lines', () => {
  const jsonText = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    recordFields.map((fields) => JSON.stringify(fields)),
    // Broken JSON: a valid line cut short, doubled, or with garbage around it.
    fc.tuple(recordFields.map((fields) => JSON.stringify(fields)), fc.nat(), fc.constantFrom('', '}', '{', ',', '\r', '\u0000', 'garbage', '\ufeff')).map(([text, cut, extra]) => text.slice(0, cut % (text.length + 1)) + extra),
    fc.constantFrom('null', 'true', '[]', '[{}]', '"text"', '1e999', '-0', '{"content": "x", "content": 5}', '{"__proto__": {"content": "x"}}', '[' .repeat(5000) + ']'.repeat(5000)),
  );

  it('parseJsonObjectLine never throws and accepts only JSON objects; a parsed row becomes a record or a drop', () => {
    check(
      fc.property(fc.array(jsonText, { maxLength: 30 }), (lines) => {
        const filter = new ExampleFilter({ labelRule: 'grade3', textRule: 'strip-score-mentions' });
        let malformed = 0;
        lines.forEach((text, index) => {
          const parsed = parseJsonObjectLine(text);
          if (!parsed.ok) {
            expect(parsed.problem.length).toBeGreaterThan(0);
            malformed++;
            filter.malformed(index + 1);
            return;
          }
          expect(parsed.object !== null && typeof parsed.object === 'object' && !Array.isArray(parsed.object)).toBe(true);
          const record: SourceRecord = recordFromObject(parsed.object, index + 1, KINOPOISK);
          filter.add(record);
        });
        const report = filter.report.finish();
        expect(report.rowsRead).toBe(lines.length);
        expect(report.rowsKept + report.rowsDropped).toBe(lines.length);
        expect(report.dropped.find((entry) => entry.reason === 'malformedLine')!.count).toBe(malformed);
      }),
      SEED + 2,
    );
  });
});
