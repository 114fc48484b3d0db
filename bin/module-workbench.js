#!/usr/bin/env node
'use strict';
// The CLI is built from src-main by `npm run build`; say so plainly when it has not been.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('module-workbench: not built yet. Run `npm run build` in ' + path.dirname(__dirname) + ' first.\n');
  process.exit(2);
}
// A `check` of a large checkout starts its reading worker first, so that it loads while the CLI does.
const early = path.join(__dirname, '..', 'out', 'main', 'early-start.js');
if (process.argv[2] === 'check' && fs.existsSync(early)) require(early).earlyStart(process.argv.slice(2), process.cwd());
require(cli);
