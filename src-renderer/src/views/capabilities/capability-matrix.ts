import type { ProfileCapabilitiesView, ProvidedCapabilityView, RequiredCapabilityView } from '../../../../src-main/common/contract';

/** What one module (or the profile) does with one capability. */
export interface MatrixEntry {
  prov?: ProvidedCapabilityView;
  req?: RequiredCapabilityView;
}

export interface CapabilityMatrix {
  /** `profile:<name>`, the first row. */
  profileRow: string;
  /** The profile row, then every module that provides or requires something, in load order. */
  rows: string[];
  /** Every capability provided or required, sorted. */
  capabilities: string[];
  /** row -> capability -> entry: one lookup per drawn cell, whatever the size of the platform. */
  cells: Map<string, Map<string, MatrixEntry>>;
}

/** The requires / provides matrix of a profile, built in one pass over its entries. */
export function capabilityMatrix(profile: ProfileCapabilitiesView, order: readonly string[]): CapabilityMatrix {
  const profileRow = `profile:${profile.profile}`;
  const cells = new Map<string, Map<string, MatrixEntry>>();
  const entry = (row: string, cap: string): MatrixEntry => {
    let byCap = cells.get(row);
    if (!byCap) cells.set(row, (byCap = new Map()));
    let e = byCap.get(cap);
    if (!e) byCap.set(cap, (e = {}));
    return e;
  };
  const names = new Set<string>();
  for (const p of profile.provided) {
    names.add(p.capability);
    const e = entry(p.by, p.capability);
    e.prov ??= p;
  }
  for (const r of profile.required) {
    names.add(r.capability);
    const e = entry(r.module, r.capability);
    e.req ??= r;
  }
  const rows = [profileRow, ...order.filter((m) => m !== profileRow && cells.has(m))];
  return { profileRow, rows, capabilities: [...names].sort(), cells };
}

/**
 * The rows and columns a filter keeps: the capabilities whose name contains it and the modules
 * whose name contains it, each with what they touch on the other axis (a module's row shows every
 * capability it provides or requires; a capability's column every module that uses it).
 */
export function filterMatrix(m: CapabilityMatrix, filter: string): { rows: string[]; cols: string[] } {
  const f = filter.trim().toLowerCase();
  if (!f) return { rows: m.rows, cols: m.capabilities };
  const cols = new Set(m.capabilities.filter((c) => c.toLowerCase().includes(f)));
  const matchedRows = new Set(m.rows.filter((r) => r.toLowerCase().includes(f)));
  for (const r of matchedRows) for (const cap of m.cells.get(r)?.keys() ?? []) cols.add(cap);
  const rows = m.rows.filter((r) => {
    if (matchedRows.has(r)) return true;
    const byCap = m.cells.get(r);
    if (!byCap) return false;
    for (const cap of byCap.keys()) if (cols.has(cap)) return true;
    return false;
  });
  return { rows, cols: m.capabilities.filter((c) => cols.has(c)) };
}
