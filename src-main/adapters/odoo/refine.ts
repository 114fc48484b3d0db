import type { Diagnostic } from '../../common/diagnostic';

export interface RefineContext {
  series: string | null;
  notInstallable: ReadonlySet<string>;
  skip: ReadonlySet<string>;
  /** The series each addon's version names (`16.0` of `16.0.1.2.0`), to say versions as Odoo writes them. */
  seriesOf: ReadonlyMap<string, string>;
}

/** Odoo's reading of the generic findings: rules that do not apply dropped, the rest told in Odoo's terms. */
export function refineFindings(findings: Diagnostic[], ctx: RefineContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of findings) {
    if (ctx.skip.has(d.rule)) continue;
    if (d.rule === 'dependency-missing') {
      const m = /^'(.+)' depends on '(.+)', which is not a module of this platform$/.exec(d.message);
      if (m) {
        const why = ctx.notInstallable.has(m[2]) ? 'which says installable: False' : `which is neither an addon of this checkout nor one of Odoo ${ctx.series ?? '16.0/17.0'}'s own addons`;
        out.push({ ...d, message: `'${m[1]}' depends on '${m[2]}', ${why}: Odoo cannot install '${m[1]}'` });
        continue;
      }
    }
    if (d.rule === 'core-version-unsatisfied') {
      const m = /^'(.+)' needs core ~(\d+\.\d+)\.0, but the platform's core version is (\d+\.\d+)\.0$/.exec(d.message);
      if (m) {
        out.push({ ...d, message: `'${m[1]}' is written for Odoo ${m[2]} (its version names the series ${m[2]}), but this checkout is Odoo ${m[3]}: Odoo refuses to install it` });
        continue;
      }
    }
    if (d.rule === 'module-version-not-bumped' && d.module !== undefined && ctx.seriesOf.has(d.module)) {
      const series = ctx.seriesOf.get(d.module) as string;
      const message = d.message.replace(/(?<![\w./])(\d+\.\d+\.\d+)(?![\w.])/g, `${series}.$1`);
      out.push({ ...d, message: `${message} (Odoo's convention: every change of an addon moves its manifest version)` });
      continue;
    }
    out.push(d);
  }
  return out;
}
