import type { Diagnostic } from '../../common/diagnostic';
import { readCsv, type CsvField } from './csv-text';

/**
 * `ir.model.access.csv`: one access right per row (Odoo's ir.model.access records), granting
 * read / write / create / unlink on a model to a group, or to every user when the group is empty.
 * Columns are found by their header, as Odoo's importer does (`model_id:id` or `model_id/id`).
 */
export interface AccessRow {
  /** The row's external id as written (`access_sale_order_user`, or `other_addon.access_x`). */
  id: string;
  name: string;
  /** The model's external id as written (`model_sale_order`, `sale.model_sale_order`). */
  model: string;
  /** The group's external id as written, or '' for every user. */
  group: string;
  perms: { read: boolean; write: boolean; create: boolean; unlink: boolean };
  file: string;
  line: number;
  column: number;
  groupAt: { line: number; column: number };
}

const PERMS = ['read', 'write', 'create', 'unlink'] as const;

function column(header: readonly CsvField[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(h.value.trim()));
}

export function readAccessCsv(file: string, text: string): { rows: AccessRow[]; diagnostics: Diagnostic[] } {
  const rows: AccessRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, line: number, col = 1) => diagnostics.push({ rule: 'manifest-invalid', severity: 'error', message: `${file}: ${message}`, file, line, column: col });
  const csv = readCsv(text);
  if (csv.unclosedQuoteLine !== undefined) problem('a quoted field is never closed; the rows from here on are not read', csv.unclosedQuoteLine);
  const [header, ...records] = csv.records;
  if (!header) return { rows, diagnostics };
  const at = {
    id: column(header.fields, ['id']),
    name: column(header.fields, ['name']),
    model: column(header.fields, ['model_id:id', 'model_id/id']),
    group: column(header.fields, ['group_id:id', 'group_id/id']),
    read: column(header.fields, ['perm_read']),
    write: column(header.fields, ['perm_write']),
    create: column(header.fields, ['perm_create']),
    unlink: column(header.fields, ['perm_unlink']),
  };
  for (const key of ['id', 'model'] as const) {
    if (at[key] < 0) {
      problem(`the header has no '${key === 'id' ? 'id' : 'model_id:id'}' column (Odoo's header: id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink)`, header.line);
      return { rows, diagnostics };
    }
  }
  for (const r of records) {
    const f = (i: number): CsvField | undefined => (i >= 0 ? r.fields[i] : undefined);
    const id = f(at.id);
    const model = f(at.model);
    if (!id || id.value.trim() === '') {
      problem('a row without an id; Odoo cannot load it', r.line);
      continue;
    }
    if (!model || model.value.trim() === '') {
      problem(`row '${id.value}' names no model`, r.line, id.column);
      continue;
    }
    const perms = { read: false, write: false, create: false, unlink: false };
    for (const p of PERMS) {
      const cell = f(at[p]);
      const v = (cell?.value ?? '').trim().toLowerCase();
      if (['1', 'true', 'yes'].includes(v)) perms[p] = true;
      else if (!['', '0', 'false', 'no'].includes(v)) problem(`row '${id.value}': perm_${p} is '${cell?.value}', not 0 or 1`, cell?.line ?? r.line, cell?.column ?? 1);
    }
    const group = f(at.group);
    rows.push({
      id: id.value.trim(),
      name: f(at.name)?.value.trim() ?? '',
      model: model.value.trim(),
      group: group?.value.trim() ?? '',
      perms,
      file,
      line: id.line,
      column: id.column,
      groupAt: group ? { line: group.line, column: group.column } : { line: id.line, column: id.column },
    });
  }
  return { rows, diagnostics };
}

/** What a row grants, in words: `read, write on sale_order`. */
export function describeAccess(row: Pick<AccessRow, 'perms' | 'model'>): string {
  const granted = PERMS.filter((p) => row.perms[p]);
  const model = row.model.replace(/^(?:[a-z0-9_]+\.)?model_/, '');
  return `${granted.length > 0 ? granted.join(', ') : 'no operation'} on ${model}`;
}
