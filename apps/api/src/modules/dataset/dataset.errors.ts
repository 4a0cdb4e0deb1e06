import { conflict, notFound } from '../../graphql/errors';

export const datasetErrors = {
  notFound: (id: string) => notFound('dataset', id),
  nameTaken: (name: string) => conflict(`this project already has a dataset named "${name}"; pick another name`, { field: 'input.name' }),
};
