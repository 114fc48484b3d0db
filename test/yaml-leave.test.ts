import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAVE, leavesToYamlPackage } from '../src-main/engine/yaml-leave';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';
import { yamlFiles, yamlTextArb } from './helpers/yaml-corpus';

/**
 * engine/yaml-leave.ts answers LEAVE.test(text) by a pass over the characters: the two must agree
 * on every text, or the fast YAML path would read something the `yaml` package reads otherwise.
 */

/** The characters each alternative of LEAVE turns on, their neighbours and every line terminator and kind of white space. */
const PIECES = ['\t', '\\', '!', '<', '!<', '\r', '\n', '\r\n', '\u2028', '\u2029', '\u00a0', '\ufeff', '\u3000', '\v', '\f', '%', '---', '--', '...', '..', '-', '- ', ' ', '  ', '#', ' #', '|', '>', '|2', '>-1', '|+', '>-', '-x', '+', '?', '? ', '[', ']', '{', '}', '{ }', ',', ':', ': ', 'a', 'b c', '1', '9'];

describe('yaml-leave: the character pass agrees with the expression', () => {
  it('on every YAML file of the fixtures, the example platform and the benchmark generator', async () => {
    const texts = [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLE)].map((f) => fs.readFileSync(f, 'utf8'));
    const { buildPlatform, toYaml } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as {
      buildPlatform(n: number, o: { seed: number }): { platform: unknown; roles: unknown; modules: { manifest: unknown }[] };
      toYaml(value: unknown): string;
    };
    const built = buildPlatform(30, { seed: 4 });
    texts.push(toYaml(built.platform), toYaml(built.roles), ...built.modules.map((m) => toYaml(m.manifest)));
    expect(texts.length).toBeGreaterThan(100);
    let left = 0;
    for (const text of texts) {
      expect(leavesToYamlPackage(text), text).toBe(LEAVE.test(text));
      if (LEAVE.test(text)) left++;
    }
    // Both answers occur.
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(texts.length);
  });

  it('on texts made of the characters that matter (fixed seed)', () => {
    const piecesArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(piecesArb, (text) => leavesToYamlPackage(text) === LEAVE.test(text)),
      { seed: 20261206, numRuns: 30_000 },
    );
  });

  it('on the fast path fuzz corpus (fixed seed)', () => {
    fc.assert(
      fc.property(yamlTextArb, (text) => leavesToYamlPackage(text) === LEAVE.test(text)),
      { seed: 20261206, numRuns: 3_000 },
    );
  });
});
