/**
 * The data layer's rules, shared by the API's importer and the scripts:
 *
 * records          SourceRecord, DatasetColumns, Kinopoisk's row layout, JSONL line parsing
 * import-options   formats (jsonl, csv, parquet), compression and column mapping with Kinopoisk defaults
 * labeling         label rules applied to a row: grade3, grade10>=N (1–10 only), custom mappings
 * score-mentions   the strip-score-mentions text rule and score-mention detection
 * example-filter   the row pipeline: text rule, empty text, label rule, duplicates → Example | dropped
 * quality-report   the incremental data-quality report
 * split            deterministic stratified split assignment
 * split-manifest   split file lines, the manifest and fingerprints (SHA-256)
 * synthetic        seeded synthetic Russian reviews in Kinopoisk's layout
 * random, seen-set a seeded PRNG and a compact set of seen strings
 */
export * from './records';
export * from './import-options';
export * from './labeling';
export * from './score-mentions';
export * from './example-filter';
export * from './quality-report';
export * from './split';
export * from './split-manifest';
export * from './synthetic';
export * from './random';
export * from './seen-set';
