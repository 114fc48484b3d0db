#!/usr/bin/env node
'use strict';
// The CLI is built from src-main by `npm run build`; say so plainly when it has not been.
const path = require('node:path');
const fs = require('node:fs');
const out = path.join(__dirname, '..', 'out', 'main');
const cli = path.join(out, 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('module-workbench: not built yet. Run `npm run build` in ' + path.dirname(__dirname) + ' first.\n');
  process.exit(2);
}
// The bundle's scripts then compile with the V8 code cache the build saved beside them (src-main/node/code-cache.ts);
// a build older than that loader has none.
const codeCache = path.join(out, 'code-cache.js');
if (fs.existsSync(codeCache)) require(codeCache);
// A `check` of a large checkout starts its reading worker first, so that it loads while the CLI does (src-main/cli/early-start.ts).
const early = path.join(out, 'early-start.js');
if (process.argv[2] === 'check' && fs.existsSync(early)) require(early).earlyStart(process.argv.slice(2), process.cwd());
require(cli);
