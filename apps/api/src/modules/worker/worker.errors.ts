import { badInput, notFound } from '../../graphql/errors';

export const workerErrors = {
  notFound: (id: string) => notFound('worker', id),
  badInput,
};
