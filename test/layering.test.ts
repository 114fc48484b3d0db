import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/checkout';

/** The code-layering lint rule, run through ESLint itself on virtual files placed in each layer. */
async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result.messages.filter((m) => m.ruleId === 'local/code-layering').map((m) => m.message);
}

describe('code-layering', () => {
  it.each([
    ['src-main/engine/x.ts', "import { readTextFile } from '../node/text-file';", 'Bad layering: engine may not import node'],
    ['src-main/engine/x.ts', "import fs from 'node:fs';", 'Bad layering: engine must stay free of Node built-ins'],
    ['src-main/common/x.ts', "import { parseManifest } from '../engine/manifest';", 'Bad layering: common may not import engine'],
    ['src-main/node/x.ts', "import { checkCheckout } from '../service/load-checkout';", 'Bad layering: node may not import service'],
    ['src-main/cli/x.ts', "import { app } from 'electron';", "only src-main/electron and src-preload may import 'electron'"],
    ['src-main/service/x.ts', "export * from '../cli/main';", 'Bad layering: service may not import cli'],
    ['src-renderer/src/x.ts', "import { loadCheckout } from '../../src-main/service/load-checkout';", 'Bad layering: renderer may not import service'],
    ['src-renderer/src/x.ts', "const fs = require('fs');", 'Bad layering: renderer must stay free of Node built-ins'],
    ['src-main/adapters/drupal/x.ts', "import { readTextFile } from '../../node/text-file';", 'Bad layering: adapters may not import node'],
    ['src-main/adapters/drupal/x.ts', "import { loadCheckout } from '../../service/load-checkout';", 'Bad layering: adapters may not import service'],
    ['src-main/adapters/x.ts', "import fs from 'node:fs';", 'Bad layering: adapters must stay free of Node built-ins'],
    ['src-main/engine/x.ts', "import { ADAPTERS } from '../adapters/registry';", 'Bad layering: engine may not import adapters'],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await lint(file, `${code}\nexport const used = 1;\n`);
    expect(messages.join('\n')).toContain(message);
  });

  it.each([
    ['src-main/engine/x.ts', "import type { Diagnostic } from '../common/diagnostic';"],
    ['src-main/service/x.ts', "import { parseManifest } from '../engine/manifest';\nimport { readTextFile } from '../node/text-file';"],
    ['src-main/cli/x.ts', "import { checkCheckout } from '../service/load-checkout';\nimport fs from 'node:fs';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/adapters/drupal/x.ts', "import { parseYamlSource } from '../../engine/yaml-source';\nimport type { Diagnostic } from '../../common/diagnostic';"],
    ['src-main/service/x.ts', "import { ADAPTERS } from '../adapters/registry';"],
    ['src-renderer/src/x.ts', "import type { RuleId } from '../../src-main/common/rules';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await lint(file, `${code}\nexport const used = 1;\n`)).toEqual([]);
  });
});
