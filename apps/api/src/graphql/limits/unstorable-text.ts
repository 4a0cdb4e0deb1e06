import type { MiddlewareFn } from 'type-graphql';
import { badInput } from '../errors';

/** A UTF-16 half without its other half: JSON allows "\ud800", PostgreSQL's JSON and text types refuse it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first string in `value` no database can store, as a path like `args.input.name` and what is wrong with it.
 * U+0000 cuts SQLite's text and PostgreSQL refuses it; a lone surrogate breaks PostgreSQL's JSON columns.
 */
export function unstorableTextProblem(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, message: 'contains U+0000 (a NUL character), which cannot be stored; remove it' };
    if (LONE_SURROGATE.test(value)) return { field: path, message: 'contains a lone UTF-16 surrogate (not valid Unicode text), which cannot be stored; send valid Unicode text' };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = unstorableTextProblem(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorableTextProblem(key, `${path} key`) ?? unstorableTextProblem(item, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Root fields refuse arguments holding unstorable text, as BAD_USER_INPUT naming the argument, before their
 * resolver runs: variables and inline literals alike, over HTTP and WebSocket.
 */
export const refuseUnstorableText: MiddlewareFn = ({ args, info }, next) => {
  if (info.path.prev === undefined) {
    const problem = unstorableTextProblem(args, 'args');
    if (problem) {
      throw badInput([{ field: problem.field.replace(/^args\.?/, ''), message: problem.message }]);
    }
  }
  return next();
};
