import { badField, conflict, notFound } from '../../graphql/errors';

export const studyErrors = {
  notFound: (id: string) => notFound('study', id),
  nameTaken: (name: string) => conflict(`this project already has a study named "${name}"; pick another name`, { field: 'input.name' }),
  datasetOfOtherProject: () => badField('input.datasetId', 'the dataset belongs to another project; create the study in the dataset\'s project or register the dataset in this one'),
};
