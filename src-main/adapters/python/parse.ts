import type { SyntaxNode, Tree } from '@lezer/common';
import { library } from '../../engine/libraries';
import { decodeStringLiteral } from './string-literal';
import type { PyCall, PyKeyword, PySpan, PyValue } from './value';

/**
 * Python source to values, statically: a real parser (@lezer/python) that keeps positions; nothing
 * is imported or run. Only what a literal says is read; names are left for the resolver.
 */

/** `from .x import a as b` is { module: 'x', level: 1, names: [{ name: 'a', asName: 'b' }] }; `import a.b as c` is { module: 'a.b', level: 0, names: [], binds: 'c' }; `import a.b` binds `a` to module `a`. */
export interface PyImport {
  module: string;
  level: number;
  names: { name: string; asName: string }[];
  binds?: string;
  line: number;
}

export interface PyFile {
  /** Checkout-relative, with `/`. */
  path: string;
  /** Top-level `NAME = expr` and `NAME: T = expr` (the last binding wins; `NAME += expr` extends it). */
  assignments: ReadonlyMap<string, PyValue>;
  imports: readonly PyImport[];
  /** Top-level expression statements (an Odoo `__manifest__.py` is one dict literal). */
  expressions: readonly PyValue[];
  syntaxErrors: readonly { line: number; column: number; message: string }[];
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', 'AssignOp', 'Comment', '*', '**']);
const MAX_SYNTAX_ERRORS = 20;

class Source {
  private readonly lineStarts: number[] = [0];
  constructor(readonly path: string, readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }
  span(node: { from: number; to: number }): PySpan {
    const a = this.position(node.from);
    const b = this.position(node.to);
    return { file: this.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  slice(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }
}

const trees = new WeakMap<PyFile, { tree: Tree; source: Source }>();

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

function isExpression(node: SyntaxNode): boolean {
  return !PUNCTUATION.has(node.name) && !node.type.isError;
}

function unknown(src: Source, node: SyntaxNode, reason: string): PyValue {
  return { ...src.span(node), kind: 'unknown', text: src.slice(node), reason };
}

/** The dotted text of a name or attribute chain (`core.apps.AppModule`), or undefined for any other expression. */
function dottedName(src: Source, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName') return src.slice(node);
  if (node.name !== 'MemberExpression') return undefined;
  const [base, dot, prop] = children(node);
  if (dot?.name !== '.' || prop?.name !== 'PropertyName') return undefined;
  const head = dottedName(src, base);
  return head === undefined ? undefined : `${head}.${src.slice(prop)}`;
}

function sequenceItems(src: Source, node: SyntaxNode): PyValue[] {
  const items: PyValue[] = [];
  let starred = false;
  for (const c of children(node)) {
    if (c.name === '*') starred = true;
    else if (isExpression(c)) {
      const v = expression(src, c);
      items.push(starred ? { ...src.span(c), kind: 'unknown', text: `*${src.slice(c)}`, reason: 'a starred expression', fold: { op: 'starred', operands: [v] } } : v);
      starred = false;
    }
  }
  return items;
}

function dictionary(src: Source, node: SyntaxNode): PyValue {
  const entries: { key: PyValue; value: PyValue }[] = [];
  let spread = false;
  let key: PyValue | undefined;
  for (const c of children(node)) {
    if (c.name === '**') spread = true;
    else if (isExpression(c)) {
      const v = expression(src, c);
      if (spread) {
        const marker: PyValue = { ...src.span(c), kind: 'unknown', text: `**${src.slice(c)}`, reason: 'a dict spread', fold: { op: 'spread', operands: [v] } };
        entries.push({ key: marker, value: marker });
        spread = false;
      } else if (key === undefined) key = v;
      else {
        entries.push({ key, value: v });
        key = undefined;
      }
    }
  }
  return { ...src.span(node), kind: 'dict', entries };
}

function call(src: Source, node: SyntaxNode): PyValue {
  const [calleeNode, argList] = children(node);
  const callee = dottedName(src, calleeNode);
  if (callee === undefined || argList?.name !== 'ArgList') return unknown(src, node, `a call to ${src.slice(calleeNode)}`);
  const args: PyValue[] = [];
  const kwargs: PyKeyword[] = [];
  const parts = children(argList);
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i];
    if (c.name === 'for') return unknown(src, node, `a call to ${callee}() with a generator argument`);
    if (c.name === '*' || c.name === '**') {
      const target = parts[++i];
      if (target) args.push(unknown(src, target, `a ${c.name === '*' ? 'starred' : 'keyword-spread'} argument`));
      continue;
    }
    if (!isExpression(c)) continue;
    if (c.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
      const valueNode = parts[i + 2];
      kwargs.push({ ...src.span({ from: c.from, to: valueNode.to }), name: src.slice(c), value: expression(src, valueNode) });
      i += 2;
    } else {
      args.push(expression(src, c));
    }
  }
  return { ...src.span(node), kind: 'call', callee, args, kwargs };
}

function stringValue(src: Source, node: SyntaxNode): PyValue {
  if (node.name === 'ContinuedString') {
    let value = '';
    for (const part of children(node)) {
      const v = stringValue(src, part);
      if (v.kind !== 'str') return { ...v, ...src.span(node), text: src.slice(node) } as PyValue;
      value += v.value;
    }
    return { ...src.span(node), kind: 'str', value };
  }
  if (node.name === 'FormatString' && node.getChild('FormatReplacement')) {
    return unknown(src, node, 'an f-string with replacement fields');
  }
  return { ...src.span(node), kind: 'str', value: decodeStringLiteral(src.slice(node)) };
}

const OTHER_REASONS: Record<string, string> = {
  ArrayComprehensionExpression: 'a list comprehension',
  DictionaryComprehensionExpression: 'a dict comprehension',
  SetComprehensionExpression: 'a set comprehension',
  ComprehensionExpression: 'a generator expression',
  ConditionalExpression: 'a conditional expression',
  LambdaExpression: 'a lambda',
  AwaitExpression: 'an await expression',
};

/** One expression node to a value. */
function expression(src: Source, node: SyntaxNode): PyValue {
  switch (node.name) {
    case 'String':
    case 'FormatString':
    case 'ContinuedString':
      return stringValue(src, node);
    case 'Number': {
      const text = src.slice(node);
      const value = Number(text.replace(/_/g, ''));
      return /[jJ]$/.test(text) || Number.isNaN(value)
        ? unknown(src, node, 'a complex number')
        : { ...src.span(node), kind: 'number', value, text };
    }
    case 'Boolean':
      return { ...src.span(node), kind: 'bool', value: src.slice(node) === 'True' };
    case 'None':
      return { ...src.span(node), kind: 'none' };
    case 'VariableName':
      return { ...src.span(node), kind: 'name', name: src.slice(node) };
    case 'MemberExpression': {
      const name = dottedName(src, node);
      return name === undefined ? unknown(src, node, 'a subscript') : { ...src.span(node), kind: 'name', name };
    }
    case 'ParenthesizedExpression': {
      const inner = children(node).find(isExpression);
      return inner ? expression(src, inner) : unknown(src, node, 'an empty expression');
    }
    case 'ArrayExpression':
      return { ...src.span(node), kind: 'list', items: sequenceItems(src, node) };
    case 'TupleExpression':
      return { ...src.span(node), kind: 'tuple', items: sequenceItems(src, node) };
    case 'SetExpression':
      return { ...src.span(node), kind: 'set', items: sequenceItems(src, node) };
    case 'DictionaryExpression':
      return dictionary(src, node);
    case 'CallExpression':
      return call(src, node);
    case 'UnaryExpression': {
      const [op, operand] = children(node);
      const v = operand ? expression(src, operand) : undefined;
      if (v?.kind === 'number' && (src.slice(op) === '-' || src.slice(op) === '+')) {
        const sign = src.slice(op) === '-' ? -1 : 1;
        return { ...src.span(node), kind: 'number', value: sign * v.value, text: src.slice(node) };
      }
      return unknown(src, node, 'an operator expression');
    }
    case 'BinaryExpression': {
      const parts = children(node);
      if (parts.length === 3 && src.slice(parts[1]) === '+') {
        const operands = [expression(src, parts[0]), expression(src, parts[2])];
        return { ...unknown(src, node, 'an operator expression'), kind: 'unknown', fold: { op: '+', operands } } as PyValue;
      }
      return unknown(src, node, 'an operator expression');
    }
    default:
      return unknown(src, node, OTHER_REASONS[node.name] ?? 'an expression that cannot be read statically');
  }
}

function importStatement(src: Source, node: SyntaxNode, line: number): PyImport[] {
  const parts = children(node);
  if (parts[0]?.name === 'from') {
    let i = 1;
    let level = 0;
    const module: string[] = [];
    for (; i < parts.length && parts[i].name !== 'import'; i++) {
      const t = src.slice(parts[i]);
      if (parts[i].name === 'VariableName') module.push(t);
      else if (module.length === 0 && /^\.+$/.test(t)) level += t.length;
    }
    const names: { name: string; asName: string }[] = [];
    for (i++; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === '*') names.push({ name: '*', asName: '*' });
      if (p.name !== 'VariableName') continue;
      const name = src.slice(p);
      if (parts[i + 1]?.name === 'as' && parts[i + 2]?.name === 'VariableName') {
        names.push({ name, asName: src.slice(parts[i + 2]) });
        i += 2;
      } else names.push({ name, asName: name });
    }
    return [{ module: module.join('.'), level, names, line }];
  }
  const out: PyImport[] = [];
  let dotted: string[] = [];
  const flush = (binds?: string): void => {
    if (dotted.length > 0) out.push(binds ? { module: dotted.join('.'), level: 0, names: [], binds, line } : { module: dotted[0], level: 0, names: [], binds: dotted[0], line });
    dotted = [];
  };
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (p.name === 'VariableName') dotted.push(src.slice(p));
    else if (p.name === 'as' && parts[i + 1]) {
      flush(src.slice(parts[i + 1]));
      i++;
    } else if (p.name === ',') flush();
  }
  flush();
  return out;
}

function assignment(src: Source, node: SyntaxNode, bindings: Map<string, PyValue>): void {
  const parts = children(node);
  const valueNode = parts[parts.length - 1];
  if (!valueNode || !isExpression(valueNode)) return;
  const value = expression(src, valueNode);
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    const next = parts[i + 1]?.name === 'TypeDef' ? parts[i + 2] : parts[i + 1];
    if (p.name === 'VariableName' && next?.name === 'AssignOp') bindings.set(src.slice(p), value);
  }
}

function update(src: Source, node: SyntaxNode, bindings: Map<string, PyValue>): void {
  const [target, op, valueNode] = children(node);
  if (target?.name !== 'VariableName' || !valueNode) return;
  const name = src.slice(target);
  const previous = bindings.get(name);
  const value = expression(src, valueNode);
  bindings.set(
    name,
    src.slice(op) === '+=' && previous
      ? ({ ...unknown(src, node, 'an operator expression'), fold: { op: '+', operands: [previous, value] } } as PyValue)
      : unknown(src, node, 'an augmented assignment'),
  );
}

export function parsePythonFile(path: string, text: string): PyFile {
  const src = new Source(path, text);
  const tree = library('python').parser.parse(text);
  const assignments = new Map<string, PyValue>();
  const imports: PyImport[] = [];
  const expressions: PyValue[] = [];
  for (const stmt of children(tree.topNode)) {
    const line = src.position(stmt.from).line;
    if (stmt.name === 'AssignStatement') assignment(src, stmt, assignments);
    else if (stmt.name === 'UpdateStatement') update(src, stmt, assignments);
    else if (stmt.name === 'ImportStatement') imports.push(...importStatement(src, stmt, line));
    else if (stmt.name === 'ExpressionStatement') {
      const inner = children(stmt).find(isExpression);
      if (inner) expressions.push(expression(src, inner));
    }
  }
  const syntaxErrors: PyFile['syntaxErrors'][number][] = [];
  tree.iterate({
    enter(n) {
      if (!n.type.isError || syntaxErrors.length >= MAX_SYNTAX_ERRORS) return;
      const at = src.position(n.from);
      // A grammar gap of @lezer/python 1.1: a bare `yield` statement (valid Python) leaves an error node after it.
      if (/^\s*yield\s*$/.test(text.slice(n.from - at.column + 1, n.from))) return;
      const near = text.slice(n.from, n.from + 20).split('\n')[0];
      syntaxErrors.push({ ...at, message: near ? `Python syntax error near "${near}"` : 'Python syntax error: unexpected end of a statement' });
    },
  });
  const file: PyFile = { path, assignments, imports, expressions, syntaxErrors };
  trees.set(file, { tree, source: src });
  return file;
}

/** Every call in the file (at any depth: module level, function bodies, return values) whose callee's last dotted segment is in `names`. */
export function findCalls(file: PyFile, names: ReadonlySet<string>): PyCall[] {
  const parsed = trees.get(file);
  if (!parsed) return [];
  const out: PyCall[] = [];
  parsed.tree.iterate({
    enter(ref) {
      if (ref.name !== 'CallExpression') return;
      const node = ref.node;
      const callee = node.firstChild ? dottedName(parsed.source, node.firstChild) : undefined;
      if (callee === undefined || !names.has(callee.slice(callee.lastIndexOf('.') + 1))) return;
      const v = expression(parsed.source, node);
      if (v.kind === 'call') out.push(v);
    },
  });
  return out;
}
