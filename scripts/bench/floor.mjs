#!/usr/bin/env node
// The benchmark floor: the least any checker must do. List every
// modules/*/module.yaml, read it, parse it with `yaml`, print the count.
//
//   node scripts/bench/floor.mjs <dir>

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/bench/floor.mjs <dir>\n');
  process.exit(2);
}

const modulesDir = path.join(dir, 'modules');
let count = 0;
for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  let text;
  try {
    text = readFileSync(path.join(modulesDir, entry.name, 'module.yaml'), 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') continue;
    throw err;
  }
  YAML.parse(text);
  count++;
}
process.stdout.write(`${count}\n`);
