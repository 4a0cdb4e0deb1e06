import type { CombinedError } from 'urql';

/** The message a person should read: the GraphQL errors' own text, or what went wrong on the wire. */
export function describeError(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join('\n');
  if (error.networkError) return `Could not reach the API: ${error.networkError.message}`;
  return error.message;
}

export interface ApiFieldIssue {
  /** The input path the API names, e.g. `input.methods[0].baseModel` or `texts[2]`. */
  field: string;
  message: string;
}

/**
 * The field problems of a BAD_USER_INPUT (or CONFLICT) error: `extensions.issues` (`{ field, message }` each), or
 * an error's single `extensions.field` with its message. Errors that name no field are left out.
 */
export function fieldIssues(error: CombinedError): ApiFieldIssue[] {
  const issues: ApiFieldIssue[] = [];
  for (const graphQLError of error.graphQLErrors) {
    const extensions = graphQLError.extensions ?? {};
    const listed = Array.isArray(extensions.issues) ? extensions.issues.filter(isFieldIssue) : [];
    if (listed.length > 0) issues.push(...listed.map(({ field, message }) => ({ field, message })));
    else if (typeof extensions.field === 'string') issues.push({ field: extensions.field, message: graphQLError.message });
  }
  return issues;
}

function isFieldIssue(value: unknown): value is ApiFieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}
