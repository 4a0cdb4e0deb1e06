import { badField } from '../../graphql/errors';

export const auditErrors = {
  badField,
};
