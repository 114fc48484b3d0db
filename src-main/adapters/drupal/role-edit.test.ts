import { describe, expect, it } from 'vitest';
import { removeGrantLines } from './role-edit';

const ROLE = "langcode: en\nstatus: true\ndependencies:\n  module:\n    - node\nid: editor\nlabel: Editor\nis_admin: false\npermissions:\n  - 'access content'\n  - 'administer the moon'\n  # kept comment\n  - 'edit own page content'\n";

describe('removing stale grants from a role file', () => {
  it('removes only the grant lines, keeping every other byte', () => {
    expect(removeGrantLines(ROLE, new Set([11]))).toBe(ROLE.replace("  - 'administer the moon'\n", ''));
    const crlf = ROLE.replace(/\n/g, '\r\n');
    expect(removeGrantLines(crlf, new Set([11]))).toBe(crlf.replace("  - 'administer the moon'\r\n", ''));
  });

  it('writes an emptied list the way Drupal exports one', () => {
    const out = removeGrantLines(ROLE, new Set([10, 11, 13]));
    expect(out).toBe(ROLE.replace(/permissions:\n[\s\S]*$/, 'permissions: {  }\n  # kept comment\n'));
  });
});
