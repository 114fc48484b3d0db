import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/checkout';
import { checkoutArb } from './fuzz/arbitraries';
import { checkProperties, readCase, writeCase } from './fuzz/harness';

/**
 * Property-based fuzzing of the whole engine with generated and damaged checkouts: manifests,
 * platform files, roles files, SQL migrations, module sources and notes. Properties: the engine
 * never throws; every finding has a known rule id, a message and a file; lines and columns lie
 * inside that file; the JSON report is the same on a second run.
 *
 * The suite runs a fixed seed (MWB_FUZZ_RUNS cases, 1,000 by default: the first 1,000 of the
 * seed's sequence); `npm run fuzz` runs a longer random-seed campaign (200,000 cases) and prints
 * the seed and the shrunk case of any failure. A failure
 * found becomes a folder under test/fixtures/fuzz-regressions/, replayed below forever.
 */
const RUNS = Number(process.env.MWB_FUZZ_RUNS ?? 1_000);
const SEED = process.env.MWB_FUZZ_SEED === 'random' ? Date.now() : Number(process.env.MWB_FUZZ_SEED ?? 20261122);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-fuzz-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('fuzzing the engine', () => {
  it(`keeps its properties on ${RUNS} generated checkouts (seed ${SEED})`, { timeout: 3_600_000 }, () => {
    const dir = path.join(work, 'case');
    let cases = 0;
    fc.assert(
      fc.property(checkoutArb, (files) => {
        cases++;
        writeCase(dir, files);
        const problems = checkProperties(dir, files);
        if (problems.length > 0) throw new Error(`${problems.join('\n')}\nfiles: ${JSON.stringify(Object.keys(files))}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  });

  const regressions = path.join(FIXTURES, 'fuzz-regressions');
  const names = fs.existsSync(regressions) ? fs.readdirSync(regressions).sort() : [];
  it.each(names)('regression %s keeps its properties', (name) => {
    const src = path.join(regressions, name);
    const dir = path.join(work, `regression-${name}`);
    const files = readCase(src);
    writeCase(dir, files);
    expect(checkProperties(dir, files)).toEqual([]);
  });
});
