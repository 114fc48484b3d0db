/**
 * The Permissions view asks for the catalog on every visit: the service builds it once per
 * registry and roles file (by the sha256 of its bytes), and builds it again when either changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPermissionContext, permissionCatalog, permissionContext } from '../src-main/service/permissions';
import { copyFixture } from './helpers/checkout';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the permission catalog of a session', () => {
  it('is built once while the registry and the roles file stay the same, and again after the roles file changes', () => {
    const dir = copyFixture('permissions/reconcile');
    temps.push(dir);
    const first = loadPermissionContext(dir);
    const catalog = permissionCatalog(first);
    // A second visit: the roles file read again from disk, unchanged.
    const again = permissionContext(dir, first.registry);
    expect(again.roles).toBe(first.roles);
    expect(permissionCatalog(again)).toBe(catalog);

    const grantedTo = (c: typeof catalog, id: string) => c.permissions.find((p) => p.id === id)?.grantedBy.map((g) => g.role) ?? [];
    expect(grantedTo(catalog, 'blog.post.publish')).toEqual([]);
    const roles = path.join(dir, 'roles.yaml');
    fs.writeFileSync(roles, fs.readFileSync(roles, 'utf8').replace("grants: ['blog.post.read']", "grants: ['blog.post.read', 'blog.post.publish']"));
    const edited = permissionContext(dir, first.registry);
    expect(edited.roles).not.toBe(first.roles);
    const next = permissionCatalog(edited);
    expect(next).not.toBe(catalog);
    expect(grantedTo(next, 'blog.post.publish')).toEqual(['viewer']);
  });
});
