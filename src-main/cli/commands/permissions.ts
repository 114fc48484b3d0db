import fs from 'node:fs';
import path from 'node:path';
import { CODEGEN_LANGUAGES, type CodegenLanguage, type PermissionCatalog, type ReconcilePlan, type RoleReconcile } from '../../common/contract-permissions';
import type { Diagnostic } from '../../common/diagnostic';
import { escapeTerminalData } from '../../common/terminal-text';
import { formatDiff } from '../../engine/permissions/line-diff';
import { writeFileAtomic } from '../../node/atomic-write';
import { applyReconcile, loadPermissionContext, permissionCatalog, permissionConstants, reconcilePreview, type PermissionContext } from '../../service/permissions';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { paint, type Paint } from '../colour';
import { formatDiagnosticLines } from '../format/check-text';
import { diagnosticsTable, table } from '../format/markdown';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from '../io';
import type { Command } from './command';

const USAGE = [
  'mwb permissions catalog [checkout] [--format text|json|markdown]',
  'mwb permissions reconcile [checkout] [--apply] [--remove-stale] [--format text|json|markdown]',
  'mwb permissions codegen [checkout] --lang ts|go|python [--out FILE] [--package NAME]',
].join('\n');

export const permissionsCommand: Command = {
  name: 'permissions',
  summary: 'permission catalog, roles reconcile (dry run unless --apply), constants codegen',
  usage: USAGE,
  run(argv: string[], io: CliIO): number {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'catalog':
        return catalog(rest, io);
      case 'reconcile':
        return reconcile(rest, io);
      case 'codegen':
        return codegen(rest, io);
      default:
        throw new UsageError(`permissions: expected catalog, reconcile or codegen${sub === undefined ? '' : ` (got '${sub}')`}. Try 'mwb permissions --help'.`);
    }
  },
};

/** A path as one POSIX shell word: as it is when plain, else single-quoted. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The roles file's own problems, where a command reports them. */
function problemsText(diagnostics: readonly Diagnostic[], colour: boolean): string {
  return formatDiagnosticLines(diagnostics, colour).join('\n') + '\n';
}

// ------------------------------------------------------------------------------------ catalog

function catalog(argv: string[], io: CliIO): number {
  const args = parseArgs(argv, { format: { value: true, choices: ['text', 'json', 'markdown'] } }, 'permissions catalog');
  const ctx = loadPermissionContext(checkoutArg(args, 'permissions catalog', io.cwd));
  const cat = permissionCatalog(ctx);
  const format = stringOption(args, 'format') ?? 'text';
  if (format === 'json') io.stdout(JSON.stringify(cat, null, 2) + '\n');
  else if (format === 'markdown') io.stdout(catalogMarkdown(cat));
  else io.stdout(catalogText(ctx, cat, paint(io.colour)));
  if (format !== 'json' && cat.diagnostics.length > 0) io.stderr(problemsText(cat.diagnostics, false));
  return cat.diagnostics.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function holders(p: PermissionCatalog['permissions'][number]): string {
  return p.grantedBy.map((h) => (h.direct ? h.role : `${h.role} via ${h.grant}`)).join(', ');
}

function catalogText(ctx: PermissionContext, raw: PermissionCatalog, p: Paint): string {
  // Everything shown comes from the checkout: escaped for the terminal, the load order too so
  // that names still match.
  const cat = escapeTerminalData(raw);
  const { order, name } = escapeTerminalData({ order: ctx.registry.order, name: ctx.registry.platform.name });
  const out: string[] = [];
  const modules = [...new Set(cat.permissions.map((x) => x.module))];
  const rank = new Map(order.map((n, i) => [n, i]));
  modules.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  out.push(`${p.bold(name)}: ${plural(cat.permissions.length, 'permission')} in ${plural(modules.length, 'module')}, ${plural(cat.roles.length, 'role')} in ${cat.rolesFile}`, '');
  for (const module of modules) {
    const own = cat.permissions.filter((x) => x.module === module);
    out.push(p.bold(`${module} (${own.length})`));
    for (const perm of own) {
      out.push(`  ${perm.wildcard ? p.yellow(perm.id) : perm.id}  ${perm.description ?? p.dim('no description')}`);
      if (perm.risk) out.push(`      risk:   ${perm.risk.replace(/\s+/g, ' ').trim()}`);
      if (perm.routes.length > 0) out.push(`      routes: ${perm.routes.map((r) => `${r.method} ${r.path}${r.module !== perm.module ? ` (${r.module})` : ''}`).join(', ')}`);
      out.push(`      roles:  ${perm.grantedBy.length > 0 ? holders(perm) : p.yellow('none (no role grants it)')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function catalogMarkdown(cat: PermissionCatalog): string {
  const rows = cat.permissions.map((x) => [
    `\`${x.id}\``,
    x.module,
    x.description ?? '',
    x.risk ?? '',
    x.routes.map((r) => `${r.method} ${r.path}`).join(', '),
    x.grantedBy.length > 0 ? holders(x) : '**none**',
  ]);
  const out = [`## Permissions (${cat.permissions.length})`, '', table(['permission', 'module', 'description', 'risk', 'routes', 'granted to'], rows), ''];
  if (cat.diagnostics.length > 0) out.push(`### Problems in ${cat.rolesFile}`, '', diagnosticsTable(cat.diagnostics), '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------- reconcile

function changed(plan: ReconcilePlan): RoleReconcile[] {
  return plan.roles.filter((r) => r.add.length > 0 || r.stale.length > 0);
}

function planLines(plan: ReconcilePlan, created: readonly string[], staleNote: string, p: Paint): string[] {
  return changed(plan).flatMap((r) => {
    const name = created.includes(r.role) ? `${r.role} ${p.dim('(new role)')}` : r.role;
    const lines: string[] = [];
    if (r.add.length > 0) lines.push(`  ${name}: ${p.green('add')} ${r.add.join(', ')}`);
    if (r.stale.length > 0) lines.push(`  ${name}: ${p.yellow('stale')} ${r.stale.join(', ')}${staleNote ? p.dim(` (${staleNote})`) : ''}`);
    return lines;
  });
}

function reconcile(argv: string[], io: CliIO): number {
  const args = parseArgs(argv, { apply: {}, 'remove-stale': {}, format: { value: true, choices: ['text', 'json', 'markdown'] } }, 'permissions reconcile');
  const ctx = loadPermissionContext(checkoutArg(args, 'permissions reconcile', io.cwd));
  const apply = args.options.has('apply');
  const removeStale = args.options.has('remove-stale');
  const format = stringOption(args, 'format') ?? 'text';
  const p = paint(io.colour && format === 'text');
  const file = ctx.roles.file;
  const pre = reconcilePreview(ctx, removeStale);
  // What the text output shows of the checkout (role names, grants, the file's lines) is escaped.
  const show = <T>(value: T): T => (format === 'text' ? escapeTerminalData(value) : value);
  const fileText = show(file);

  const json = (plan: ReconcilePlan, applied: boolean, diagnostics: Diagnostic[]) =>
    io.stdout(JSON.stringify({ roles: plan.roles, required: plan.required, file, applied, diagnostics }, null, 2) + '\n');

  if (!pre.canApply) {
    // A roles file that cannot be read, parsed or edited safely is never written.
    // What reconcile would have written stays visible, so it can be done by hand.
    const todo = changed(pre.plan);
    if (format === 'json') json(pre.plan, false, pre.diagnostics);
    else if (format === 'markdown') {
      const out = [`## Roles reconcile: ${file} needs fixing first`, '', pre.problem ?? '', '', pre.diagnostics.length > 0 ? diagnosticsTable(pre.diagnostics) : '', ''];
      if (todo.length > 0) out.push(`### To do by hand in ${file}`, '', table(['role', 'add', 'stale'], todo.map((r) => [`${r.role}${pre.created.includes(r.role) ? ' (new)' : ''}`, r.add.join(', '), r.stale.join(', ')])), '');
      io.stdout(out.join('\n'));
    } else {
      const located = pre.diagnostics.filter((d) => d.rule !== 'roles-not-editable');
      const refusal = pre.diagnostics.find((d) => d.rule === 'roles-not-editable');
      const where = refusal?.line !== undefined ? ` (${file}:${refusal.line}:${refusal.column ?? 1})` : '';
      const out = [`${located.length > 0 ? problemsText(located, io.colour) : ''}${p.red('✖')} ${show(pre.problem)}; nothing was written${show(where)}`];
      if (todo.length > 0) out.push(`To reconcile ${fileText} by hand${removeStale ? '' : ' (stale grants may stay)'}:`, ...planLines(show(pre.plan), show(pre.created), '', p));
      io.stdout(out.join('\n') + '\n');
    }
    return EXIT_FINDINGS;
  }

  if (!apply) {
    if (format === 'json') json(pre.plan, false, []);
    else if (format === 'markdown') {
      const rows = changed(pre.plan).map((r) => [`${r.role}${pre.created.includes(r.role) ? ' (new)' : ''}`, r.add.join(', '), r.stale.join(', ')]);
      const out = [`## Roles reconcile: ${pre.plan.required ? 'required' : 'settled'}`, ''];
      if (rows.length > 0) out.push(table(['role', 'add', 'stale'], rows), '', '```diff', ...pre.diff.map((l) => (l.kind === 'gap' ? `@@ ${l.count} unchanged lines @@` : `${l.kind === 'add' ? '+' : l.kind === 'remove' ? '-' : ' '}${l.text}`)), '```', '');
      io.stdout(out.join('\n'));
    } else if (!pre.plan.required) {
      io.stdout(`${p.green('✔')} ${fileText} is reconciled: every default role holds its permissions and no grant is stale (${plural(pre.plan.roles.length, 'role')})\n`);
    } else {
      const out = [`${p.yellow('⚠')} ${fileText}: reconciliation required (dry run, nothing written)`, ...planLines(show(pre.plan), show(pre.created), removeStale ? '' : 'kept without --remove-stale', p), ''];
      if (pre.diff.length > 0) {
        out.push(`${fileText} would change${removeStale ? '' : ' (additions only)'}:`);
        out.push(...formatDiff(show(pre.diff)).map((l) => (l.startsWith('+') ? p.green(l) : l.startsWith('-') ? p.red(l) : p.dim(l))), '');
      }
      const adds = changed(pre.plan).some((r) => r.add.length > 0);
      const stale = changed(pre.plan).some((r) => r.stale.length > 0);
      // The hint repeats the checkout that was given, so it can be pasted as it is.
      const given = args.positionals[0];
      const cmd = `mwb permissions reconcile${given === undefined ? '' : ` ${shellWord(given)}`}`;
      if (removeStale || !stale) out.push(`Write it with: ${cmd} --apply${removeStale ? ' --remove-stale' : ''}`);
      else if (adds) out.push(`Write it with: ${cmd} --apply  (add --remove-stale to drop the stale grants too; preview that with --remove-stale alone)`);
      else out.push(`Drop the stale grants with: ${cmd} --apply --remove-stale  (preview with --remove-stale alone)`);
      io.stdout(out.join('\n') + '\n');
    }
    return pre.plan.required ? EXIT_FINDINGS : EXIT_OK;
  }

  const result = applyReconcile(ctx, removeStale);
  switch (result.status) {
    case 'conflict':
    case 'refused':
      if (format === 'json') json(pre.plan, false, result.status === 'refused' ? result.diagnostics : []);
      io.stderr(`mwb permissions reconcile: ${result.message}\n`);
      return EXIT_FINDINGS;
    case 'unchanged':
      if (format === 'json') json(result.plan, false, []);
      else io.stdout(`${p.green('✔')} ${fileText} is reconciled; nothing to write${result.plan.required ? ` (stale grants kept: ${show(changed(result.plan).flatMap((r) => r.stale)).join(', ')}; --remove-stale removes them)` : ''}\n`);
      return result.plan.required ? EXIT_FINDINGS : EXIT_OK;
    case 'applied': {
      const done = changed(pre.plan);
      if (format === 'json') {
        json({ roles: pre.plan.roles, required: result.plan.required }, true, []);
      } else {
        const added = done.reduce((n, r) => n + r.add.length, 0);
        const removed = removeStale ? done.reduce((n, r) => n + r.stale.length, 0) : 0;
        const parts = [`added ${plural(added, 'grant')} to ${plural(done.filter((r) => r.add.length > 0).length, 'role')}${pre.created.length > 0 ? ` (${pre.created.length} created)` : ''}`];
        if (removed > 0) parts.push(`removed ${plural(removed, 'stale grant')}`);
        const out = [`${p.green('✔')} wrote ${fileText}: ${parts.join(', ')}`, ...planLines(show(pre.plan), show(pre.created), removeStale ? 'removed' : 'kept', p)];
        const kept = show(changed(result.plan).flatMap((r) => r.stale));
        if (kept.length > 0) out.push(`${p.yellow('⚠')} ${plural(kept.length, 'stale grant')} kept (${kept.join(', ')}); --remove-stale removes them`);
        io.stdout(out.join('\n') + '\n');
      }
      return result.plan.required ? EXIT_FINDINGS : EXIT_OK;
    }
  }
}

// ------------------------------------------------------------------------------------ codegen

function codegen(argv: string[], io: CliIO): number {
  const args = parseArgs(argv, { lang: { value: true, choices: CODEGEN_LANGUAGES }, out: { value: true }, package: { value: true } }, 'permissions codegen');
  const lang = stringOption(args, 'lang') as CodegenLanguage | undefined;
  if (lang === undefined) throw new UsageError(`permissions codegen: --lang is required (${CODEGEN_LANGUAGES.join(', ')})`);
  const goPackage = stringOption(args, 'package');
  if (goPackage !== undefined && (lang !== 'go' || !/^[a-z][a-z0-9_]*$/.test(goPackage))) {
    throw new UsageError(`permissions codegen: --package is for --lang go and must be a Go package name such as 'permissions'`);
  }
  const ctx = loadPermissionContext(checkoutArg(args, 'permissions codegen', io.cwd));
  const output = permissionConstants(ctx, lang, goPackage);
  const out = stringOption(args, 'out');
  if (output.collisions.length > 0) {
    // Never a suffix: a constant's name must not depend on which other ids exist.
    const lines = output.collisions.map((c) =>
      c.reserved !== undefined ? `  ${c.ids.join(', ')} would be named ${c.name}, a name the generated file itself uses` : `  ${c.ids.join(' and ')} would both be named ${c.name}`,
    );
    io.stderr(`mwb permissions codegen: ${plural(output.collisions.length, 'constant name')} would be shared; rename one of the ids (nothing was ${out === undefined ? 'generated' : 'written'}):\n${lines.join('\n')}\n`);
    return EXIT_FINDINGS;
  }
  if (out === undefined) {
    io.stdout(output.text);
  } else {
    // --out is the user's explicit choice of file, inside or outside the checkout.
    const target = path.resolve(io.cwd, out);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, output.text);
    io.stdout(`wrote ${plural(output.count, 'permission constant')} (${lang}) to ${out}\n`);
  }
  if (output.skipped.length > 0) {
    io.stderr(`mwb permissions codegen: left out ${plural(output.skipped.length, 'malformed id')} (see permission-format in mwb check): ${output.skipped.join(', ')}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
