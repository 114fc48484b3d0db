// `npm run tour [-- folder]`: writes the README's broken checkout (default `./tour`): a copy of the
// bundled example in which billing wants payments ^2.0.0 and a search capability that only the
// `full` profile offers. Refuses to write into a folder that already exists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? 'tour');

/** The two edits, each checked against the line it replaces, so a changed example fails loudly. */
export function breakBilling(text) {
  const lines = text.split('\n');
  const dep = lines.indexOf('  - payments ^1.2.0');
  const req = lines.indexOf('    - payments.processing >=1.1');
  if (dep < 0 || req < 0) throw new Error('modules/billing/module.yaml of the example changed: update scripts/tour.mjs');
  lines[dep] = '  - payments ^2.0.0';
  lines.splice(req + 1, 0, '    - search.fulltext >=1.0');
  return lines.join('\n');
}

if (fs.existsSync(target)) {
  process.stderr.write(`tour: ${path.relative(process.cwd(), target) || target} already exists; remove it or name another folder: npm run tour -- other-folder\n`);
  process.exit(2);
}
fs.cpSync(path.join(repo, 'resources', 'example-platform'), target, { recursive: true });
const manifest = path.join(target, 'modules', 'billing', 'module.yaml');
fs.writeFileSync(manifest, breakBilling(fs.readFileSync(manifest, 'utf8')));
process.stdout.write(`tour: wrote ${path.relative(process.cwd(), target) || target}; now try: npm run mwb -- check ${path.relative(process.cwd(), target) || target}\n`);
