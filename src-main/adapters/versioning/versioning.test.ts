import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { composerRange } from './composer';
import { drupalConstraint, drupalVersion } from './drupal';
import { odooVersion, seriesGate } from './odoo';

const ok = (version: string, range: string | null) => range !== null && semver.satisfies(version, range, { includePrerelease: true });

describe('version schemes', () => {
  it('reads Drupal versions: contrib 8.x-1.2, semantic, core dev branches', () => {
    expect(drupalVersion('8.x-1.15')).toBe('1.15.0');
    expect(drupalVersion('2.0.3')).toBe('2.0.3');
    expect(drupalVersion('8.x-3.0-beta2')).toBe('3.0.0-beta2');
    expect(drupalVersion('11.2-dev')).toBe('11.2.0-dev');
    expect(drupalVersion('VERSION')).toBeNull();
  });

  it('reads Composer constraints as Composer means them (~1.2 is <2.0, not <1.3)', () => {
    expect(ok('11.1.0', composerRange('^10 || ^11'))).toBe(true);
    expect(ok('10.3.14', composerRange('^11'))).toBe(false);
    expect(ok('1.9.0', composerRange('~1.2'))).toBe(true);
    expect(ok('2.0.0', composerRange('~1.2'))).toBe(false);
    expect(ok('9.5.0', composerRange('>=8.8 <11'))).toBe(true);
    expect(ok('10.3.1', composerRange('10.3.*'))).toBe(true);
    expect(ok('10.3.14', composerRange('^9.2|^10'))).toBe(true);
    expect(composerRange('!=1.0')).toBeNull();
  });

  it('reads info file dependency constraints with the core prefix', () => {
    expect(ok('1.15.0', drupalConstraint('>=8.x-1.10'))).toBe(true);
    expect(ok('1.9.0', drupalConstraint('>=8.x-1.10'))).toBe(false);
    expect(ok('10.3.14', drupalConstraint('>=10.2, <11'))).toBe(true);
    expect(ok('2.1.0', drupalConstraint('2.x'))).toBe(true);
    expect(drupalConstraint('whatever')).toBeNull();
  });
});

describe('Odoo versions', () => {
  it('splits 16.0.1.2.0 into the series and the addon version; a version without a series is the addon version', () => {
    expect(odooVersion('16.0.1.2.0')).toEqual({ series: '16.0', addon: '1.2.0' });
    expect(odooVersion('17.0.2.0')).toEqual({ series: '17.0', addon: '2.0.0' });
    expect(odooVersion('1.2.0')).toEqual({ series: null, addon: '1.2.0' });
    expect(odooVersion('16.0.1.2.0.1')).toBeNull();
    expect(odooVersion('16.0.1.x')).toBeNull();
    expect(ok('16.0.0', seriesGate('16.0'))).toBe(true);
    expect(ok('17.0.0', seriesGate('16.0'))).toBe(false);
  });
});
