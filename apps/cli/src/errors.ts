/** The exit codes of `tunelab`, one per kind of outcome a script can act on (documented in docs/scripting.md). */
export const EXIT = {
  ok: 0,
  /** The API answered with an error (BAD_USER_INPUT, NOT_FOUND, CONFLICT, …), or a followed run failed. */
  apiError: 1,
  /** Bad flags or arguments, an unreadable or invalid study file. */
  usage: 2,
  /** The API cannot be reached at that URL, or what answers there is not the tunelab API. */
  unreachable: 3,
  /** No token, an unknown or revoked one (UNAUTHENTICATED), or one not allowed to do this (FORBIDDEN). */
  auth: 4,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the message to print and the exit code to leave with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; issues?: { field: string; message: string }[] };
}

/** Errors the API answered with; the exit code follows the first error's code. */
export class ApiError extends CliError {
  constructor(readonly errors: GraphQLErrorShape[]) {
    const code = errors[0]?.extensions?.code;
    super(errors.map(describeGraphQLError).join('\n'), code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? EXIT.auth : EXIT.apiError);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** `BAD_USER_INPUT: input.name: name must not be empty` — the code first, then the API's message (which names the field). */
export function describeGraphQLError(error: GraphQLErrorShape): string {
  const code = error.extensions?.code ?? 'ERROR';
  return `${code}: ${error.message}`;
}
