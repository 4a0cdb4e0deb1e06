import { DATASET_FORMATS, type DatasetFormat } from '@tunelab/core';
import { registerEnumType } from 'type-graphql';

/** The GraphQL enum mirrors DATASET_FORMATS in @tunelab/core; its values are the core's lower-case names. */
export const DatasetFormatEnum = Object.fromEntries(DATASET_FORMATS.map((format) => [format.toUpperCase(), format])) as {
  [F in DatasetFormat as Uppercase<F>]: F;
};

registerEnumType(DatasetFormatEnum, {
  name: 'DatasetFormat',
  description: 'JSONL (Kinopoisk layout by default), CSV with a header row, or Parquet.',
});
