// Preload (`node -r scripts/bench/rss.cjs ...`): on exit, append the process's
// peak resident set size in KiB (getrusage maxRSS) to $BENCH_RSS_FILE, one line per process.
'use strict';

const fs = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // Measuring must never change the measured process's exit status.
    }
  });
}
