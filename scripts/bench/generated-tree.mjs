// Helpers of the generators that write a checkout of another ecosystem (drupal-site.mjs, odoo.mjs).

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small seeded linear congruential generator: numbers in [0, 1), the same for a seed. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes a file under `root`, creating its folders. */
export function write(root, rel, text) {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/**
 * Whether `dir` already holds what the generator would write (its marker file says `want`); when
 * not (or `fresh`), the folder is emptied for a new generation.
 */
export function upToDate(dir, marker, want, fresh) {
  const file = path.join(dir, marker);
  if (!fresh && existsSync(file) && readFileSync(file, 'utf8') === want) return true;
  rmSync(dir, { recursive: true, force: true });
  return false;
}
