import { badField, conflict, notFound } from '../../graphql/errors';

export const projectErrors = {
  notFound: (id: string) => notFound('project', id),
  nameTaken: (name: string) => conflict(`your team already has a project named "${name}"; pick another name`, { field: 'input.name' }),
  badField,
};
