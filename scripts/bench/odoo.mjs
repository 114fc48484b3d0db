// A generated Odoo 16.0 addons repository for `npm run bench` (scenario odoo-check), shaped like an OCA
// repository: N addon folders, each with a __manifest__.py (a Python dict: version 16.0.x.y.z, depends
// on earlier addons and on Odoo's own addons, data files, some external_dependencies and auto_install),
// security/ir.model.access.csv (rows for its groups, base.group_user, and now and then everyone) and
// security/security.xml (res.groups with implied_ids); a root requirements.txt as OCA generates it.
// Kept under .bench/ (not in git); deterministic for a given size.

import path from 'node:path';
import { rng, upToDate, write } from './generated-tree.mjs';

export const ODOO_GENERATOR_VERSION = 1;
const MARKER = '.bench-odoo-addons.json';
const CORE = ['base', 'mail', 'sale', 'sale_management', 'stock', 'account', 'purchase', 'product', 'web', 'portal', 'uom', 'contacts'];
const PYTHON = ['openpyxl', 'requests', 'unidecode', 'cryptography', 'pysftp'];


/** Generates the repository into `dir` unless it is already there for this size and generator version. */
export function ensureOdooAddons(dir, n, { fresh = false } = {}) {
  const want = JSON.stringify({ version: ODOO_GENERATOR_VERSION, n });
  if (upToDate(dir, MARKER, want, fresh)) return dir;
  const random = rng(n + 16);
  const names = Array.from({ length: n }, (_, i) => `${['sale', 'stock', 'account', 'base', 'mail'][i % 5]}_gen_${String(i).padStart(4, '0')}`);
  const used = new Set();
  names.forEach((name, i) => {
    // Dependencies on earlier addons only (no cycles), and on one or two of Odoo's own addons.
    const deps = new Set([CORE[i % CORE.length]]);
    if (random() < 0.5) deps.add(CORE[Math.floor(random() * CORE.length)]);
    const count = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < count; k++) deps.add(names[Math.floor(random() * i)]);
    const python = i % 9 === 0 ? [PYTHON[i % PYTHON.length]] : [];
    python.forEach((p) => used.add(p));
    const manifest = [
      `# Copyright 2026 Bench`,
      `# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).`,
      '{',
      `    "name": "${name.replace(/_/g, ' ')}",`,
      `    "summary": "Generated addon ${i}",`,
      `    "version": "16.0.${1 + (i % 3)}.${i % 7}.${i % 4}",`,
      '    "category": "Sales",',
      '    "website": "https://github.com/OCA/bench",',
      '    "author": "Bench, Odoo Community Association (OCA)",',
      '    "license": "AGPL-3",',
      `    "depends": [${[...deps].map((d) => `"${d}"`).join(', ')}],`,
      ...(python.length ? ['    "external_dependencies": {', `        "python": [${python.map((p) => `"${p}"`).join(', ')}],`, '    },'] : []),
      '    "data": [',
      '        "security/security.xml",',
      '        "security/ir.model.access.csv",',
      `        "views/${name}_views.xml",`,
      '    ],',
      ...(i % 17 === 0 && i > 0 ? ['    "auto_install": True,'] : []),
      '    "installable": True,',
      '}',
      '',
    ];
    write(dir, `${name}/__manifest__.py`, manifest.join('\n'));
    write(dir, `${name}/__init__.py`, 'from . import models\n');
    write(
      dir,
      `${name}/security/security.xml`,
      [
        '<?xml version="1.0" encoding="utf-8" ?>',
        '<odoo>',
        `    <record id="group_${name}_user" model="res.groups">`,
        `        <field name="name">${name} user</field>`,
        `        <field name="implied_ids" eval="[(4, ref('base.group_user'))]" />`,
        '    </record>',
        `    <record id="group_${name}_manager" model="res.groups">`,
        `        <field name="name">${name} manager</field>`,
        `        <field name="implied_ids" eval="[(4, ref('${name}.group_${name}_user'))]" />`,
        '    </record>',
        '</odoo>',
        '',
      ].join('\n'),
    );
    const rows = ['id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink'];
    for (let m = 0; m < 2 + (i % 4); m++) {
      const model = `model_${name}_m${m}`;
      rows.push(`access_${name}_m${m}_user,${name}.m${m} user,${model},group_${name}_user,1,1,1,0`);
      rows.push(`access_${name}_m${m}_manager,${name}.m${m} manager,${model},${name}.group_${name}_manager,1,1,1,1`);
      rows.push(`access_${name}_m${m}_internal,${name}.m${m} internal,${model},base.group_user,1,0,0,0`);
      if (m === 0 && i % 11 === 0) rows.push(`access_${name}_m${m}_all,${name}.m${m} all,${model},,1,0,0,0`);
    }
    write(dir, `${name}/security/ir.model.access.csv`, rows.join('\n') + '\n');
  });
  write(dir, 'requirements.txt', ['# generated from manifests external_dependencies', ...[...used].sort(), ''].join('\n'));
  write(dir, MARKER, want);
  return dir;
}

/** The bench scenario (run.mjs LIVE_SCENARIOS): `mwb check` on the generated repository, median of 3 runs after a warm-up. */
export function odooCheckScenario({ cli, benchDir, runNode, median, maxOf, fmt }) {
  return {
    name: 'odoo-check',
    sizes: [300],
    requires: [cli],
    describe: '`mwb check` on a generated Odoo 16.0 addons repository (manifests, access CSV, security XML; read by the odoo adapter): median wall time and peak RSS of 3 runs',
    platform: (n, opts) => ensureOdooAddons(path.join(benchDir, `odoo-${n}`), n, opts),
    run: async (dir) => {
      const runs = [0, 1, 2, 3].map(() => runNode([cli, 'check', dir, '--format', 'json'], { captureStdout: true })).slice(1);
      for (const r of runs) if (r.status !== 0) throw new Error(`odoo-check: mwb check exited ${r.status}: ${r.stderr.slice(0, 400)}`);
      const report = JSON.parse(runs[0].stdout);
      if (report.modules.length < 150) throw new Error(`odoo-check: only ${report.modules.length} addons read`);
      const ms = median(runs.map((r) => r.ms));
      const rss = maxOf(runs.map((r) => r.rssMB));
      return {
        figure: `${report.modules.length} addons, ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} infos; check ${runs.map((r) => fmt(r.ms, 0)).join(', ')} ms; peak RSS ${fmt(rss)} MB`,
        value: ms,
        target: 3000,
        formatted: `check median ${fmt(ms, 0)} ms, peak RSS ${fmt(rss)} MB`,
        unit: 'ms',
        raw: { timesMs: runs.map((r) => r.ms), rssMB: runs.map((r) => r.rssMB) },
      };
    },
  };
}
