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
