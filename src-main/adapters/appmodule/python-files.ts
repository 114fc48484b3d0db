import { parsePythonFile, type PyFile } from '../python';

/**
 * The Python files of a checkout, parsed when first asked for: the resolver looks up by path the
 * few files an app's values come from (its permissions.py, a constants module), so a large
 * project's other sources are never parsed.
 */
export class PythonFiles implements ReadonlyMap<string, PyFile> {
  private readonly parsed = new Map<string, PyFile>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.paths().length;
  }

  private paths(): string[] {
    return [...this.texts.keys()].filter((p) => p.endsWith('.py'));
  }

  get(path: string): PyFile | undefined {
    const hit = this.parsed.get(path);
    if (hit) return hit;
    const text = path.endsWith('.py') ? this.texts.get(path) : undefined;
    if (text === undefined) return undefined;
    const file = parsePythonFile(path, text);
    this.parsed.set(path, file);
    return file;
  }

  has(path: string): boolean {
    return path.endsWith('.py') && this.texts.has(path);
  }

  keys(): MapIterator<string> {
    return this.paths()[Symbol.iterator]() as MapIterator<string>;
  }

  *values(): MapIterator<PyFile> {
    for (const p of this.paths()) yield this.get(p) as PyFile;
  }

  *entries(): MapIterator<[string, PyFile]> {
    for (const p of this.paths()) yield [p, this.get(p) as PyFile];
  }

  [Symbol.iterator](): MapIterator<[string, PyFile]> {
    return this.entries();
  }

  forEach(fn: (value: PyFile, key: string, map: ReadonlyMap<string, PyFile>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
