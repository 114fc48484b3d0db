// Deterministic randomness for the benchmark's generators (generate.mjs): a seeded PRNG and helpers.

/** mulberry32: a small, fast 32-bit PRNG. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds may be numbers or strings; strings are hashed (FNV-1a). */
function seedToInt(seed) {
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed >>> 0;
  let h = 0x811c9dc5;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

export function makeRandom(seed) {
  const next = mulberry32(seedToInt(seed));
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  /** k distinct elements of arr (k clamped to arr.length). */
  const sample = (arr, k) => {
    const out = new Set();
    const want = Math.min(k, arr.length);
    while (out.size < want) out.add(arr[Math.floor(next() * arr.length)]);
    return [...out];
  };
  return { next, int, pick, chance, sample };
}
