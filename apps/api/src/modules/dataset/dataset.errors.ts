import { badField, conflict, notFound } from '../../graphql/errors';

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
