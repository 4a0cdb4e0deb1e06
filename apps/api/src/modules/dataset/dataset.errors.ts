import { describeValue } from '@tunelab/core';
import { badField, conflict, notFound } from '../../graphql/errors';

const MAX_LISTED_COLUMNS = 20;

/** The column names of a source for a message: each cut short, at most 20, since a header row can hold anything. */
export function describeColumns(names: string[]): string {
  const listed = names.slice(0, MAX_LISTED_COLUMNS).map((name) => describeValue(name)).join(', ');
  return names.length > MAX_LISTED_COLUMNS ? `${listed} and ${names.length - MAX_LISTED_COLUMNS} more` : listed;
}

/**
 * Why an import cannot go on, and which input field to change: `source`, `format`, `columns.text`,
 * `columns.label`, `labelRule`, `split`. Thrown by the import pipeline (which knows nothing of GraphQL)
 * and turned into BAD_USER_INPUT by the service.
 */
export class DatasetImportError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatasetImportError';
  }
}

export const datasetErrors = {
  notFound: (id: string) => notFound('dataset', id),
  nameTaken: (name: string) => conflict(`this project already has a dataset named "${name}"; pick another name`, { field: 'input.name' }),
  importFailed: (error: DatasetImportError) => badField(`input.${error.field}`, error.message),
};
