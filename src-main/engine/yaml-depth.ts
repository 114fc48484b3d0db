import { yamlLib } from './libraries';

/**
 * Two things the yaml package reads but the workbench cannot: collections nested so deeply that
 * composing them overflows the stack (the package then reports "Maximum call stack size
 * exceeded" at whatever offset the stack ran out, which depends on the thread), and mapping keys
 * that are themselves lists or maps (`? [a]`), which a JavaScript object can only hold as a
 * stringified key (with a process warning on stderr). Both are found here with their position.
 */

/** Past this many levels of nested lists and maps, a document that the YAML reader refused is reported from here on. */
export const NESTING_REPORT_DEPTH = 100;

interface CstItem {
  key?: unknown;
  value?: unknown;
}
interface CstToken {
  type: string;
  offset: number;
  value?: unknown;
  items?: CstItem[];
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Offset of the first list or map nested more than `NESTING_REPORT_DEPTH` levels deep, read from
 * the concrete syntax tree (the yaml lexer and parser do not recurse; only composing does).
 */
export function deepNestingOffset(text: string): number | undefined {
  const stack: { token: unknown; depth: number }[] = [];
  for (const doc of new (yamlLib().Parser)().parse(text)) stack.push({ token: doc, depth: 0 });
  stack.reverse();
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: unknown; depth: number };
    if (token === null || typeof token !== 'object') continue;
    const t = token as CstToken;
    const collection = COLLECTIONS.has(t.type);
    const inner = collection ? depth + 1 : depth;
    if (collection && inner > NESTING_REPORT_DEPTH) return t.offset;
    const children: unknown[] = [];
    if (t.type === 'document') children.push(t.value);
    else if (collection) for (const item of t.items ?? []) children.push(item.key, item.value);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ token: children[i], depth: inner });
  }
  return undefined;
}

/** Offset of the first mapping key (in the text) that is a list or a map. */
export function collectionKeyOffset(root: unknown): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (yamlLib().isMap(node)) {
      for (const pair of node.items) {
        const at = (yamlLib().isMap(pair.key) || yamlLib().isSeq(pair.key)) && !yamlLib().isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (at !== undefined && (first === undefined || at < first)) first = at;
        stack.push(pair.value);
      }
    } else if (yamlLib().isSeq(node)) stack.push(...node.items);
  }
  return first;
}
