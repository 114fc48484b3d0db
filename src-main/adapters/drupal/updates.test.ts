import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../engine/manifest';
import { blankPhp, phpFunctions } from './php-scan';
import { readUpdates } from './updates';

const module = (name: string) => parseManifest({ dir: `modules/${name}`, file: `modules/${name}/${name}.info.yml`, text: `name: ${name}\nversion: 1.0.0\n` });

describe('update hooks read statically', () => {
  it('finds functions outside comments, strings and heredocs, with their doc summary and line', () => {
    const text = "<?php\n// function a_update_1() {}\n$s = 'function a_update_2() {}';\n$h = <<<EOT\nfunction a_update_3() {}\nEOT;\n/**\n * Adds the table.\n */\nfunction a_update_4() {\n  if (1) { }\n}\n";
    expect(blankPhp(text)).toHaveLength(text.length);
    expect(phpFunctions(text).map((f) => [f.name, f.summary])).toEqual([['a_update_4', 'Adds the table.']]);
  });

  it('orders hook_update_N by module rank and number, waits for hook_update_dependencies, then post-updates by name', () => {
    const texts = new Map([
      ['modules/a/a.install', "<?php\nfunction a_update_dependencies() {\n  $dependencies['a'][9002] = ['b' => 9001];\n  return $dependencies;\n}\nfunction a_update_9002() {}\nfunction a_update_9001() {}\n"],
      ['modules/b/b.install', '<?php\nfunction b_update_9001() {}\nfunction b_update_9000() {}\n'],
      ['modules/a/a.post_update.php', '<?php\nfunction a_post_update_zeta() {}\nfunction a_post_update_alpha() {}\n'],
      ['modules/b/b.post_update.php', '<?php\nfunction b_post_update_beta() {}\n'],
    ]);
    const { order, diagnostics } = readUpdates(texts, [module('a'), module('b')], ['a', 'b']);
    expect(diagnostics).toEqual([]);
    expect(order.map((u) => u.id)).toEqual(['a_update_9001', 'b_update_9000', 'b_update_9001', 'a_update_9002', 'a_post_update_alpha', 'a_post_update_zeta', 'b_post_update_beta']);
    expect(order[3]).toMatchObject({ file: 'modules/a/a.install', line: 6, column: 10, after: ['b_update_9001'] });
  });

  it('reports updates that wait for each other as a cycle, at the function', () => {
    const texts = new Map([
      ['modules/a/a.install', "<?php\nfunction a_update_dependencies() {\n  $dependencies['a'][1] = ['b' => 1];\n  $dependencies['b'][1] = ['a' => 1];\n  return $dependencies;\n}\nfunction a_update_1() {}\n"],
      ['modules/b/b.install', '<?php\nfunction b_update_1() {}\n'],
    ]);
    const { order, diagnostics } = readUpdates(texts, [module('a'), module('b')]);
    expect(order).toEqual([]);
    expect(diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['migration-depends-cycle modules/a/a.install:7', 'migration-depends-cycle modules/b/b.install:2']);
  });
});
