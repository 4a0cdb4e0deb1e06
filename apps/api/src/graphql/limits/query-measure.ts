import {
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
} from 'graphql';

/**
 * How big a GraphQL operation is, before it runs.
 *
 * depth: the deepest nesting of fields. `{ run { id } }` has depth 2. Fragments count where they are spread.
 * Meta fields do not count: `__typename`, and introspection (`__schema`, `__type`), whose standard query
 * unwraps types through 8 levels of `ofType` (depth 15 otherwise). Introspection still counts for cost, which
 * is what bounds its abusive form (nested `fields { type { fields … } }` lists).
 *
 * cost: an estimate of the work. Each field costs 1; the fields under a list are counted once per expected
 * element. The expected length of a list is its size argument (`first`, `last`, `limit` or `maxPoints`; when
 * omitted, its schema default) when the field has one, else `defaultListFactor`. A size argument on a field
 * that is not itself a list (a connection: `runs(first: 50) { edges { node } }`) stands for the first list
 * beneath it instead. A size argument given as a variable counts at the variable's default, else the
 * argument's schema default, else `defaultListFactor`: validation does not see variable values, and the
 * services cap the real values (`runs(first)` ≤ 200, `maxPoints` ≤ 10,000).
 *
 * Both walks memoise each fragment's result and stop at a fragment that spreads itself, so a hostile document
 * with fragment cycles or fragment "bombs" is measured in time linear in its size (graphql's own
 * NoFragmentCyclesRule reports the cycle).
 */
export interface QueryMeasure {
  depth: number;
  cost: number;
}

export const SIZE_ARGUMENTS: readonly string[] = ['first', 'last', 'limit', 'maxPoints'];
export const DEFAULT_LIST_FACTOR = 10;

export interface MeasureOptions {
  defaultListFactor?: number;
}

type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/** Stays finite on absurd documents (factors of 10 ** 400), so messages print a number. */
const saturate = (value: number) => Math.min(value, Number.MAX_SAFE_INTEGER);

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragment: FragmentLookup,
  options: MeasureOptions = {},
): QueryMeasure {
  const rootType = schema.getRootType(operation.operation) ?? undefined;
  return {
    depth: operationDepth(operation, fragment),
    cost: operationCost(schema, operation, rootType, fragment, options.defaultListFactor ?? DEFAULT_LIST_FACTOR),
  };
}

/** The deepest nesting of fields; meta fields (`__typename`, `__schema`, `__type`) and what they select do not count. */
export function operationDepth(operation: OperationDefinitionNode, fragment: FragmentLookup): number {
  const fragmentDepths = new Map<string, number>();
  const inProgress = new Set<string>();

  const selectionSetDepth = (selectionSet: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        depth = 1 + (selection.selectionSet ? selectionSetDepth(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = selectionSetDepth(selection.selectionSet);
      } else {
        depth = fragmentDepth(selection.name.value);
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };

  const fragmentDepth = (name: string): number => {
    const known = fragmentDepths.get(name);
    if (known !== undefined) return known;
    const definition = fragment(name);
    if (!definition || inProgress.has(name)) return 0;
    inProgress.add(name);
    const depth = selectionSetDepth(definition.selectionSet);
    inProgress.delete(name);
    fragmentDepths.set(name, depth);
    return depth;
  };

  return selectionSetDepth(operation.selectionSet);
}

function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  rootType: GraphQLNamedType | undefined,
  fragment: FragmentLookup,
  defaultListFactor: number,
): number {
  // A fragment's cost depends on the size argument pending from above; memoise per (name, pending).
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const argumentSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    const argument = field.arguments?.find((candidate) => SIZE_ARGUMENTS.includes(candidate.name.value));
    if (argument) return sizeOf(argument, operation, definition) ?? defaultListFactor;
    const defaulted = definition?.args.find((arg) => SIZE_ARGUMENTS.includes(arg.name) && arg.defaultValue !== undefined);
    return defaulted ? asSize(defaulted.defaultValue) : undefined;
  };

  const selectionSetCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, pending: number | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, pending);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionSetCost(selection.selectionSet, type ?? undefined, pending);
      } else {
        total += fragmentCost(selection.name.value, pending);
      }
    }
    return saturate(total);
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined, pending: number | undefined): number => {
    if (field.name.value === '__typename') return 0;
    const definition = fieldDefinition(schema, parent, field.name.value);
    if (!field.selectionSet) return 1;
    const child = definition ? getNamedType(definition.type) : undefined;
    const size = argumentSize(field, definition);
    if (definition && isList(definition.type)) {
      const factor = size ?? pending ?? defaultListFactor;
      return saturate(1 + factor * selectionSetCost(field.selectionSet, child, undefined));
    }
    return saturate(1 + selectionSetCost(field.selectionSet, child, size ?? pending));
  };

  const fragmentCost = (name: string, pending: number | undefined): number => {
    const key = `${name}\u0000${pending ?? ''}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const definition = fragment(name);
    if (!definition || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionSetCost(definition.selectionSet, schema.getType(definition.typeCondition.name.value) ?? undefined, pending);
    inProgress.delete(name);
    fragmentCosts.set(key, cost);
    return cost;
  };

  return selectionSetCost(operation.selectionSet, rootType, undefined);
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent && parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

function isList(type: GraphQLType): boolean {
  const nullable = isNonNullType(type) ? type.ofType : type;
  return isListType(nullable);
}

/** A size argument's value: a literal, else the variable's default, else the schema default. */
function sizeOf(argument: ArgumentNode, operation: OperationDefinitionNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined {
  let value = argument.value;
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    const declared = operation.variableDefinitions?.find((variable) => variable.variable.name.value === name)?.defaultValue;
    if (declared) {
      value = declared;
    } else {
      const schemaDefault = definition?.args.find((arg) => arg.name === argument.name.value)?.defaultValue;
      return asSize(schemaDefault);
    }
  }
  return value.kind === Kind.INT ? asSize(Number(value.value)) : undefined;
}

function asSize(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
