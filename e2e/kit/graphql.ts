/** A minimal GraphQL-over-HTTP client for seeding and for playing a worker. */
export class GraphqlRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: ReadonlyArray<{ message: string; extensions?: { code?: string } }>,
  ) {
    super(`${operation}: ${errors.map((e) => `${e.message}${e.extensions?.code ? ` [${e.extensions.code}]` : ''}`).join('; ')}`);
    this.name = 'GraphqlRequestError';
  }
}

export type GraphqlRequest = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export function graphqlClient(url: string, token: string): GraphqlRequest {
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const operation = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous operation';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${operation}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
    }
    if (body.errors?.length) throw new GraphqlRequestError(operation, body.errors);
    if (!body.data) throw new Error(`${operation}: HTTP ${response.status} without data`);
    return body.data;
  };
}
