import { buildSchema, getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimitRules } from './query-limit.rules';
import { measureOperation } from './query-measure';

const schema = buildSchema(`
  type Query { project(id: ID!): Project projects: [Project!]! runs(first: Int! = 50): RunConnection! history(keys: [String!]!, maxPoints: Int! = 1000): [Series!]! }
  type Subscription { events: Event! }
  type Project { id: ID! name: String! studies: [Study!]! }
  type Study { id: ID! project: Project! runs: [Run!]! }
  type Run { id: ID! study: Study! scores: [Float!]! }
  type RunConnection { totalCount: Int! edges: [RunEdge!]! }
  type RunEdge { node: Run! }
  type Series { key: String! buckets: [Bucket!]! }
  type Bucket { min: Float! max: Float! }
  type Event { run: Run }
`);

function measure(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(parsed.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
  return measureOperation(schema, operation, (name) => fragments.get(name));
}

describe('query depth', () => {
  it('is the deepest nesting of fields', () => {
    expect(measure(`{ projects { id } }`).depth).toBe(2);
    expect(measure(`{ projects { id studies { runs { id } } } project(id: "p") { name } }`).depth).toBe(4);
  });

  it('does not count __typename or introspection', () => {
    expect(measure(`{ projects { id __typename } }`).depth).toBe(2);
    expect(measure(`{ projects { __typename } }`).depth).toBe(1);
    expect(measure(getIntrospectionQuery()).depth).toBe(0);
  });

  it('follows fragments and inline fragments where they are spread', () => {
    expect(measure(`{ projects { ...P } } fragment P on Project { studies { ... on Study { runs { id } } } }`).depth).toBe(4);
    expect(measure(`{ projects { ...P } } fragment P on Project { ...Q } fragment Q on Project { studies { id } }`).depth).toBe(3);
  });

  it('stops at fragment cycles instead of looping', () => {
    const cyclic = `{ projects { ...A } } fragment A on Project { studies { project { ...B } } } fragment B on Project { ...A }`;
    expect(measure(cyclic).depth).toBe(3);
  });
});

describe('query cost', () => {
  it('counts each field once, and what is under a list once per expected element (default 10)', () => {
    expect(measure(`{ project(id: "p") { id name } }`).cost).toBe(3);
    expect(measure(`{ projects { id name } }`).cost).toBe(1 + 10 * 2);
    expect(measure(`{ projects { studies { id } } }`).cost).toBe(1 + 10 * (1 + 10 * 1));
    expect(measure(`{ projects { id __typename } }`).cost).toBe(1 + 10 * 1);
  });

  it('leaves a list of scalars at 1', () => {
    expect(measure(`{ project(id: "p") { studies { runs { scores } } } }`).cost).toBe(1 + 1 + 10 * (1 + 10 * 1));
  });

  it('takes a list length from first/maxPoints: a literal, a variable default, or the schema default', () => {
    expect(measure(`{ history(keys: ["a"], maxPoints: 3) { key } }`).cost).toBe(1 + 3 * 1);
    expect(measure(`query ($n: Int! = 4) { history(keys: ["a"], maxPoints: $n) { key } }`).cost).toBe(1 + 4 * 1);
    expect(measure(`query ($n: Int!) { history(keys: ["a"], maxPoints: $n) { key } }`).cost).toBe(1 + 1000 * 1);
    expect(measure(`{ history(keys: ["a"]) { key buckets { min max } } }`).cost).toBe(1 + 1000 * (1 + 1 + 10 * 2));
    expect(measure(`{ projects { studies { id } } }`).cost).toBe(1 + 10 * (1 + 10 * 1));
  });

  it('applies a size argument of a connection to the list beneath it, once', () => {
    expect(measure(`{ runs(first: 5) { totalCount edges { node { id } } } }`).cost).toBe(1 + 1 + 1 + 5 * (1 + 1));
    expect(measure(`{ runs { edges { node { id } } } }`).cost).toBe(1 + 1 + 50 * 2);
  });

  it('counts aliases and fragments as often as they are selected', () => {
    expect(measure(`{ a: projects { id } b: projects { id } }`).cost).toBe(2 * 11);
    expect(measure(`{ projects { ...P ...P } } fragment P on Project { studies { id } }`).cost).toBe(1 + 10 * 2 * 11);
  });

  it('measures a fragment "bomb" quickly and saturates instead of overflowing', () => {
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Project { ${i + 1 < levels ? `a: studies { project { ...F${i + 1} } } b: studies { project { ...F${i + 1} } }` : 'id'} }`);
    const started = performance.now();
    const { cost, depth } = measure(`{ projects { ...F0 } } ${fragments.join(' ')}`);
    expect(performance.now() - started).toBeLessThan(500);
    expect(depth).toBe(1 + 2 * (levels - 1) + 1);
    expect(cost).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('the depth and cost validation rules', () => {
  const rules = queryLimitRules({ maxDepth: 3, maxCost: 200 });

  it('pass what is within the limits', () => {
    expect(validate(schema, parse(`{ projects { studies { id } } }`), [...specifiedRules, ...rules])).toEqual([]);
  });

  it('report depth and cost with codes, figures and the variable to raise', () => {
    const errors = validate(schema, parse(`query Deep { projects { studies { runs { id } } } }`), rules);
    expect(errors.map((error) => error.extensions)).toEqual([
      { code: 'QUERY_TOO_DEEP', depth: 4, limit: 3 },
      { code: 'QUERY_TOO_COSTLY', cost: 1111, limit: 200 },
    ]);
    expect(errors[0].message).toBe('query depth 4 exceeds the limit of 3 (TUNELAB_MAX_QUERY_DEPTH); select fewer nested fields or split the query');
    expect(errors[1].message).toMatch(/^query cost 1111 exceeds the limit of 200 \(TUNELAB_MAX_QUERY_COST\)/);
    expect(errors[0].locations).toEqual([{ line: 1, column: 1 }]);
  });

  it('measure each operation of a document on its own', () => {
    const errors = validate(schema, parse(`query A { projects { id } } query B { projects { studies { runs { id } } } }`), rules);
    expect(errors.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']);
    expect(errors[0].locations).toEqual([{ line: 1, column: 29 }]);
  });

  it('apply to subscriptions too', () => {
    const errors = validate(schema, parse(`subscription { events { run { study { project { id } } } } }`), rules);
    expect(errors.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_DEEP']);
  });
});
