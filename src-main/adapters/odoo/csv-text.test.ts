import { describe, expect, it } from 'vitest';
import { readAccessCsv } from './access-csv';
import { readCsv } from './csv-text';

describe('CSV as Odoo reads it, with positions', () => {
  it('keeps the line and column of each field through quotes, doubled quotes, CRLF, a BOM and blank lines', () => {
    const { records } = readCsv('\ufeffid,name\r\n"a,1","say ""hi"""\r\n\r\nb,"two\nlines"\nc,3');
    expect(records.map((r) => r.fields.map((f) => [f.value, f.line, f.column]))).toEqual([
      [['id', 1, 1], ['name', 1, 4]],
      [['a,1', 2, 1], ['say "hi"', 2, 7]],
      [['b', 4, 1], ['two\nlines', 4, 3]],
      [['c', 6, 1], ['3', 6, 3]],
    ]);
  });

  it('reports a quote never closed at the line it opens', () => {
    expect(readCsv('id,name\nx,"open\nrest').unclosedQuoteLine).toBe(2);
  });

  it('reads access rows by their header names, an empty group as everyone, bad permission flags as findings at their cell', () => {
    const text = 'id,model_id/id,name,group_id/id,perm_read,perm_write,perm_create,perm_unlink\naccess_a,model_a,a,,1,0,0,0\naccess_b,model_b,b,base.group_user,1,x,0,0\n,model_c,c,,1,0,0,0\n';
    const { rows, diagnostics } = readAccessCsv('s/ir.model.access.csv', text);
    expect(rows.map((r) => [r.id, r.model, r.group, r.perms.read, r.line, r.groupAt.column])).toEqual([
      ['access_a', 'model_a', '', true, 2, 20],
      ['access_b', 'model_b', 'base.group_user', true, 3, 20],
    ]);
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 38, expect.stringContaining("perm_write is 'x'")],
      [4, 1, expect.stringContaining('a row without an id')],
    ]);
  });
});
