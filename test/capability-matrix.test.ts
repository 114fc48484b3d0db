/**
 * The Capabilities view's matrix model (views/capabilities/capability-matrix.ts): one lookup per
 * drawn cell, rows in load order after the profile, and a filter that keeps a module's row with
 * every capability it touches, or a capability's column with every module that uses it.
 */
import { describe, expect, it } from 'vitest';
import type { ProfileCapabilitiesView } from '../src-main/common/contract';
import { capabilityMatrix, filterMatrix } from '../src-renderer/src/views/capabilities/capability-matrix';

const profile: ProfileCapabilitiesView = {
  profile: 'default',
  isDefault: true,
  provided: [
    { capability: 'db', version: '1.4.0', by: 'profile:default' },
    { capability: 'search', version: '2.0.0', by: 'search-engine' },
    { capability: 'mail', version: null, by: 'mailer' },
  ],
  required: [
    { capability: 'search', range: '^2.0.0', module: 'catalog', state: 'ok' },
    { capability: 'db', range: null, module: 'catalog', state: 'ok' },
    { capability: 'queue', range: null, module: 'orders', state: 'missing' },
    { capability: 'db', range: null, module: 'search-engine', state: 'ok' },
  ],
  missing: [],
  blocked: [],
};
const order = ['core', 'search-engine', 'mailer', 'catalog', 'orders'];

describe('the capability matrix', () => {
  it('has the profile row first, then the modules that use capabilities in load order, and every entry in its cell', () => {
    const m = capabilityMatrix(profile, order);
    expect(m.rows).toEqual(['profile:default', 'search-engine', 'mailer', 'catalog', 'orders']);
    expect(m.capabilities).toEqual(['db', 'mail', 'queue', 'search']);
    expect(m.cells.get('catalog')?.get('search')).toEqual({ req: profile.required[0] });
    expect(m.cells.get('search-engine')?.get('search')).toEqual({ prov: profile.provided[1] });
    expect(m.cells.get('search-engine')?.get('db')).toEqual({ req: profile.required[3] });
    expect(m.cells.get('profile:default')?.get('db')).toEqual({ prov: profile.provided[0] });
    expect(m.cells.get('core')).toBeUndefined();
  });

  it('filters by module (its row and what it touches) and by capability (its column and who uses it)', () => {
    const m = capabilityMatrix(profile, order);
    expect(filterMatrix(m, '')).toEqual({ rows: m.rows, cols: m.capabilities });
    expect(filterMatrix(m, ' Orders ')).toEqual({ rows: ['orders'], cols: ['queue'] });
    // catalog's row and its two capabilities; every other row touching them comes along.
    expect(filterMatrix(m, 'catalog')).toEqual({ rows: ['profile:default', 'search-engine', 'catalog'], cols: ['db', 'search'] });
    // "search" names a capability and a module: the module's row and capabilities, the capability's column.
    expect(filterMatrix(m, 'search')).toEqual({ rows: ['profile:default', 'search-engine', 'catalog'], cols: ['db', 'search'] });
    expect(filterMatrix(m, 'nothing-like-this')).toEqual({ rows: [], cols: [] });
  });
});
