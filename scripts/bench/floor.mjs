#!/usr/bin/env node
// The benchmark floor: the least any checker must do. Read every input `mwb check` reads on a
// native platform (platform.yaml, roles.yaml, each modules/*/module.yaml, each module folder and
// its migrations folder listed, every .sql file read as text) and parse the YAML ones; print counts.
//
//   node scripts/bench/floor.mjs <dir> [--parser js-yaml|yaml]
//
// js-yaml is the fastest YAML parser at hand (the goal's floor); `yaml` is the package the
// workbench used for everything before its fast path, printed beside it for scale.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import YAML from 'yaml';

const [dir, flag, parserName = 'js-yaml'] = process.argv.slice(2);
if (!dir || (flag !== undefined && flag !== '--parser') || !['js-yaml', 'yaml'].includes(parserName)) {
  process.stderr.write('usage: node scripts/bench/floor.mjs <dir> [--parser js-yaml|yaml]\n');
  process.exit(2);
}
const parse = parserName === 'yaml' ? (text) => YAML.parse(text) : (text) => jsYaml.load(text);

const readText = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
};

let yamlFiles = 0;
let sqlFiles = 0;
for (const name of ['platform.yaml', 'roles.yaml']) {
  const text = readText(path.join(dir, name));
  if (text !== null) {
    parse(text);
    yamlFiles++;
  }
}
const modulesDir = path.join(dir, 'modules');
for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const moduleDir = path.join(modulesDir, entry.name);
  const text = readText(path.join(moduleDir, 'module.yaml'));
  if (text === null) continue;
  parse(text);
  yamlFiles++;
  for (const e of readdirSync(moduleDir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name !== 'migrations') continue;
    const migrations = path.join(moduleDir, e.name);
    for (const file of readdirSync(migrations)) {
      if (!file.endsWith('.sql')) continue;
      readFileSync(path.join(migrations, file), 'utf8');
      sqlFiles++;
    }
  }
}
process.stdout.write(`${yamlFiles} YAML files parsed with ${parserName}, ${sqlFiles} SQL files read\n`);
