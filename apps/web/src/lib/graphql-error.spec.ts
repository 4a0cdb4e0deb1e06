import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldIssues } from './graphql-error';

describe('fieldIssues', () => {
  it('reads extensions.issues, or a single extensions.field with the message', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('name: bad; seeds[1]: bad', {
          extensions: { code: 'BAD_USER_INPUT', issues: [{ field: 'input.name', message: 'name must not be empty' }, { field: 'input.seeds[1]', message: 'seeds[1] repeats' }, { nope: 1 }] },
        }),
        new GraphQLError('this project already has a study named "x"; pick another name', { extensions: { code: 'CONFLICT', field: 'input.name' } }),
        new GraphQLError('no field here', { extensions: { code: 'FORBIDDEN' } }),
      ],
    });
    expect(fieldIssues(error)).toEqual([
      { field: 'input.name', message: 'name must not be empty' },
      { field: 'input.seeds[1]', message: 'seeds[1] repeats' },
      { field: 'input.name', message: 'this project already has a study named "x"; pick another name' },
    ]);
  });
});
