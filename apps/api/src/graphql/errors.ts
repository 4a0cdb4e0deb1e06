import type { FieldIssue } from '@tunelab/core';
import { formatIssues } from '@tunelab/core';
import { GraphQLError } from 'graphql';

/**
 * Every error a client can act on carries extensions.code and a message that names the field and the fix.
 * Modules build these through their own <domain>.errors.ts so messages stay consistent.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

export function badInput(issues: FieldIssue[]): ApiError {
  return new ApiError('BAD_USER_INPUT', formatIssues(issues), { issues, field: issues[0]?.field });
}

export function badField(field: string, message: string): ApiError {
  return badInput([{ field, message }]);
}

export function notFound(entity: string, id: string): ApiError {
  return new ApiError('NOT_FOUND', `${entity} ${id} does not exist or belongs to another team; check the id`, { entity, id });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): ApiError {
  return new ApiError('CONFLICT', message, extensions);
}

export function forbidden(message: string): ApiError {
  return new ApiError('FORBIDDEN', message);
}

export function unauthenticated(message: string): ApiError {
  return new ApiError('UNAUTHENTICATED', message);
}
