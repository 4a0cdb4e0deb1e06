import { badField, conflict, forbidden, notFound } from '../../graphql/errors';

export const teamErrors = {
  nameTaken: (name: string) => conflict(`a team named "${name}" already exists; pick another name`, { field: 'name' }),
  notSiteAdmin: () => forbidden('only the site admin token (written to data/admin-token on first start) may create teams'),
  tokenNotFound: (id: string) => notFound('API token', id),
  badName: (field: string, message: string) => badField(field, message),
};
