import type { Diagnostic, WaivedDiagnostic } from '../common/diagnostic';
import type { Waiver } from './platform';
import { PLATFORM_FILE } from './platform-file';

/**
 * Splits findings into kept and waived, and reports each waiver that matched nothing as stale
 * (a baseline that no longer applies should be deleted, not carried forever). `checked` says
 * which rules this run checks: a waiver for another rule (a PR rule during `check`) is not stale.
 */
export function applyWaivers(diagnostics: Diagnostic[], waivers: readonly Waiver[], checked: (rule: string) => boolean = () => true): { kept: Diagnostic[]; waived: WaivedDiagnostic[] } {
  if (waivers.length === 0) return { kept: diagnostics, waived: [] };
  const used = new Array<boolean>(waivers.length).fill(false);
  const kept: Diagnostic[] = [];
  const waived: WaivedDiagnostic[] = [];
  const waive = (d: Diagnostic): void => {
    const i = waivers.findIndex((w) => w.rule === d.rule && (w.module === undefined || w.module === d.module) && (w.file === undefined || w.file === d.file));
    if (i < 0) {
      kept.push(d);
      return;
    }
    used[i] = true;
    const w = waivers[i];
    waived.push({ ...d, waiver: { reason: w.reason, file: PLATFORM_FILE, line: w.line } });
  };
  for (const d of diagnostics) waive(d);
  const stale = (w: Waiver): Diagnostic => {
    const scope = [w.module && `module '${w.module}'`, w.file && `file '${w.file}'`].filter(Boolean).join(', ');
    return {
      rule: 'waiver-stale',
      severity: 'warning',
      message: `waiver for ${w.rule}${scope ? ` (${scope})` : ''} matches no finding; remove it`,
      file: PLATFORM_FILE,
      line: w.line,
      column: w.column,
    };
  };
  // Stale waivers are findings too, so a waiver for waiver-stale can waive them; it is stale only when it waives nothing.
  waivers.forEach((w, i) => {
    if (!used[i] && w.rule !== 'waiver-stale' && checked(w.rule)) waive(stale(w));
  });
  waivers.forEach((w, i) => {
    if (!used[i] && w.rule === 'waiver-stale' && checked(w.rule)) kept.push(stale(w));
  });
  return { kept, waived };
}
