import type { ASTVisitor, ValidationContext, ValidationRule } from 'graphql';
import { limitErrors } from './limit-errors';
import { measureOperation } from './query-measure';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * Validation rules that refuse an operation deeper or costlier than the limits (see query-measure.ts for
 * how both are counted). Used by Apollo (HTTP) and graphql-ws (subscriptions) alike.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    (context: ValidationContext): ASTVisitor => ({
      OperationDefinition(operation) {
        const { depth, cost } = measureOperation(context.getSchema(), operation, (name) => context.getFragment(name));
        if (depth > limits.maxDepth) context.reportError(limitErrors.queryTooDeep(depth, limits.maxDepth, operation));
        if (cost > limits.maxCost) context.reportError(limitErrors.queryTooCostly(cost, limits.maxCost, operation));
        return false;
      },
    }),
  ];
}
