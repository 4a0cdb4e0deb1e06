import type { CombinedError } from 'urql';

/** The message a person should read: the GraphQL errors' own text, or what went wrong on the wire. */
export function describeError(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join('\n');
  if (error.networkError) return `Could not reach the API: ${error.networkError.message}`;
  return error.message;
}
