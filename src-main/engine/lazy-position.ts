import type { Position } from './yaml-source';

/**
 * A position looked up when first read, then kept. Objects that carry positions for every item
 * (declared permissions and routes, role grants) take their `line` and `column` from one of these
 * through getters, so a check that finds nothing never asks the YAML document where anything is
 * (and the fast YAML path never has to parse a clean file a second time, yaml-fast.ts).
 */
export function lazyPosition(locate: () => Position): () => Position {
  let found: Position | undefined;
  return () => (found ??= locate());
}

const LOCATE = Symbol('locate');
type Locating = { [LOCATE]: () => Position };
function lineOf(this: Locating): number {
  return this[LOCATE]().line;
}
function columnOf(this: Locating): number {
  return this[LOCATE]().column;
}
/** Shared by every object: like an object literal's `get line()` (enumerable, configurable), but one function for all. */
const LAZY_POSITION: PropertyDescriptorMap = {
  line: { get: lineOf, enumerable: true, configurable: true },
  column: { get: columnOf, enumerable: true, configurable: true },
};

/**
 * Adds `line` and `column` to `target` (after its properties so far: JSON keeps that order), each
 * looked up when first read (lazyPosition). The getters are shared functions, not a pair of
 * closures per object as in an object literal's `get line() {...}`: V8 turned every such literal
 * into a slow dictionary object (about 3x the memory; tens of MB for the roles and declarations of
 * 5,000 modules, issue 16). Reads, spreads and JSON see the same own enumerable `line` and `column`.
 */
export function withLazyPosition<T extends object>(target: T, locate: () => Position): T & Position {
  Object.defineProperty(target, LOCATE, { value: lazyPosition(locate) });
  Object.defineProperties(target, LAZY_POSITION);
  return target as T & Position;
}
