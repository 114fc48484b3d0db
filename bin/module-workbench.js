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
require(cli);
