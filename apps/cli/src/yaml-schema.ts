import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/**
 * A small declarative checker for YAML input files: every problem is named with the file's line and column,
 * so `study.yaml:12:5: methods[1].hyperparameters.lora_r: unknown key; did you mean loraR?` points at the fix.
 */
export type Spec =
  | { kind: 'string'; oneOf?: readonly string[]; nonEmpty?: boolean }
  | { kind: 'int' }
  | { kind: 'number' }
  | { kind: 'list'; of: Spec; nonEmpty?: boolean }
  | { kind: 'object'; fields: Record<string, Spec>; required?: readonly string[] }
  /** A string, or an object of the given shape (`project: name` or `project: {name, description}`). */
  | { kind: 'stringOrObject'; object: Extract<Spec, { kind: 'object' }> };

export interface Position {
  line: number;
  column: number;
}

export interface Problem extends Position {
  /** Dotted path as the API names fields: methods[1].hyperparameters.learningRate; '' for the whole file. */
  path: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T; positions: Map<string, Position> } | { ok: false; problems: Problem[] };

/** Parses YAML text and checks it against the spec; the value has only known keys, with YAML's own types. */
export function checkYaml<T>(text: string, spec: Spec): Checked<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined): Position => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ ...position(error.pos[0]), path: '', message: `invalid YAML: ${error.message.split('\n')[0]}` })),
    };
  }
  const problems: Problem[] = [];
  const positions = new Map<string, Position>();
  const report = (node: Node | null | undefined, path: string, message: string, fallback?: Position) =>
    problems.push({ ...(node?.range ? position(node.range[0]) : (fallback ?? { line: 1, column: 1 })), path, message });

  const walk = (node: Node | null | undefined, spec: Spec, path: string, at: Position): unknown => {
    if (node?.range) positions.set(path, position(node.range[0]));
    const value = node && isScalar(node) ? node.value : undefined;
    switch (spec.kind) {
      case 'string': {
        if (!isScalar(node) || typeof value !== 'string') return void report(node, path, `must be text, got ${describe(node)}`, at);
        if (spec.nonEmpty && !value.trim()) return void report(node, path, 'must not be empty', at);
        if (spec.oneOf && !spec.oneOf.includes(value)) return void report(node, path, `must be one of ${spec.oneOf.join(', ')}; got "${value}"${suggest(value, spec.oneOf)}`, at);
        return value;
      }
      case 'int':
      case 'number': {
        if (!isScalar(node) || typeof value !== 'number') return void report(node, path, `must be a number, got ${describe(node)}`, at);
        if (spec.kind === 'int' && !Number.isInteger(value)) return void report(node, path, `must be a whole number, got ${value}`, at);
        return value;
      }
      case 'list': {
        if (!isSeq(node)) return void report(node, path, `must be a list, got ${describe(node)}`, at);
        if (spec.nonEmpty && node.items.length === 0) return void report(node, path, 'must list at least one entry', at);
        return node.items.map((item, index) => walk(item as Node, spec.of, `${path}[${index}]`, node.range ? position(node.range[0]) : at));
      }
      case 'stringOrObject':
        if (isScalar(node) && typeof value === 'string') return walk(node, { kind: 'string', nonEmpty: true }, path, at);
        if (isMap(node)) return walk(node, spec.object, path, at);
        return void report(node, path, `must be a name or a mapping with ${Object.keys(spec.object.fields).join(', ')}; got ${describe(node)}`, at);
      case 'object': {
        if (!isMap(node)) return void report(node, path, `must be a mapping (key: value), got ${describe(node)}`, at);
        const here = node.range ? position(node.range[0]) : at;
        const result: Record<string, unknown> = {};
        const known = Object.keys(spec.fields);
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : null;
          const keyPath = key === null ? path : join(path, key);
          if (key === null || !(key in spec.fields)) {
            report(keyNode, keyPath, `unknown key${key === null ? '' : ` "${key}"`}${key ? suggest(key, known) : ''}; allowed here: ${known.join(', ')}`, here);
            continue;
          }
          if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
            // `key:` with nothing after it counts as absent (and is reported if required)
            if (keyNode?.range) positions.set(keyPath, position(keyNode.range[0]));
            continue;
          }
          result[key] = walk(pair.value as Node, spec.fields[key], keyPath, keyNode?.range ? position(keyNode.range[0]) : here);
        }
        for (const name of spec.required ?? []) {
          if (result[name] === undefined && !problems.some((p) => p.path.startsWith(join(path, name)))) {
            report(node, join(path, name), `is required${path ? ` in ${path}` : ''}`, here);
          }
        }
        return result;
      }
    }
  };

  if (!doc.contents) return { ok: false, problems: [{ line: 1, column: 1, path: '', message: 'the file is empty' }] };
  const value = walk(doc.contents as Node, spec, '', { line: 1, column: 1 });
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  return { ok: true, value: value as T, positions };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function describe(node: Node | null | undefined): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    if (typeof value === 'string') return `text "${value}"`;
    if (typeof value === 'number') return `the number ${value}`;
    if (typeof value === 'boolean') return `${value}`;
  }
  return 'something else';
}

/** `; did you mean loraR?` for a key within two edits (case-insensitive, ignoring _ and -) of an allowed one. */
export function suggest(word: string, candidates: readonly string[]): string {
  const squash = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(squash(word), squash(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? `; did you mean ${best}?` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** `study.yaml:12:5: methods[1].method: must be one of …` */
export function formatProblem(file: string, problem: Problem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}
