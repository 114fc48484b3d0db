import type { PyValue } from '../python';
import { fieldOf, isCallTo, type Unread } from './call-args';

/**
 * An app's routers as routes: `create_router(prefix, ..., permissions=["resource:action"],
 * public=True)` (core.base) guards every endpoint of the router with those permissions, so each
 * router is one route `ANY <prefix>` requiring them, written as the catalog's ids (`resource.action`).
 * A plain `APIRouter(prefix=...)` declares no permission (its endpoints may check their own).
 */

export interface RouteRead {
  path: string;
  permissions: { id: string; at: PyValue }[];
  public: boolean;
  /** `create_router` routers state their permissions; others are not checked for a missing one. */
  declared: boolean;
  at: PyValue;
}

/** `resource:action` (the framework's permission key) as the catalog id `resource.action`. */
export const permissionIdOf = (key: string): string => {
  const i = key.lastIndexOf(':');
  return i < 0 ? key : `${key.slice(0, i)}.${key.slice(i + 1)}`;
};

export function readRouters(v: PyValue | undefined, unread: Unread): RouteRead[] {
  const out: RouteRead[] = [];
  for (const item of unread.itemsOf(v, 'routers')) {
    if (isCallTo(item, ['create_router'])) {
      const path = unread.string(fieldOf(item, 'prefix', ['prefix']), 'the router prefix') ?? '/';
      const permissions = unread.strings(fieldOf(item, 'permissions', []), `the permissions of router ${path}`).map((p) => ({ id: permissionIdOf(p.value), at: p.at }));
      const pub = fieldOf(item, 'public', []);
      out.push({ path, permissions, public: pub?.kind === 'bool' && pub.value, declared: true, at: item });
    } else if (isCallTo(item, ['APIRouter'])) {
      const path = unread.string(fieldOf(item, 'prefix', []), 'the router prefix') ?? '/';
      out.push({ path, permissions: [], public: false, declared: false, at: item });
    } else {
      unread.add(item, 'a router (expected create_router(...) or APIRouter(...))');
    }
  }
  return out;
}
