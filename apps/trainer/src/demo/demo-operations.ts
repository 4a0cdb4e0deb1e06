import { graphql } from '../gql';

export const DemoProjects = graphql(`
  query Demo_Projects {
    projects {
      id
    }
  }
`);

export const DemoCreateProject = graphql(`
  mutation Demo_CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

export const DemoRegisterDataset = graphql(`
  mutation Demo_RegisterDataset($input: RegisterDatasetInput!) {
    registerDataset(input: $input) {
      id
      name
      fingerprint
      splits {
        name
        sha256
      }
    }
  }
`);

export const DemoCreateStudy = graphql(`
  mutation Demo_CreateStudy($input: CreateStudyInput!) {
    createStudy(input: $input) {
      id
      runs {
        id
      }
    }
  }
`);
