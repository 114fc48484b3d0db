import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { pythonRange, pythonVersion, splitRequirement } from './versions';
import { pyprojectVersion } from './framework';

describe('AppModule versions and constraints', () => {
  it('reads versions as the framework compares them: dotted numbers padded to three parts', () => {
    expect(pythonVersion('0.1.0')).toBe('0.1.0');
    expect(pythonVersion('1.0')).toBe('1.0.0');
    expect(pythonVersion('2')).toBe('2.0.0');
    expect(pythonVersion('1.2.0rc1')).toBe('1.2.0-rc.1');
    expect(pythonVersion('1.2.0.post3')).toBe('1.2.0');
    expect(pythonVersion('latest')).toBeNull();
  });

  it('reads PEP 440 specifier sets as semver ranges with the same meaning', () => {
    expect(pythonRange('>= 1.0')).toBe('>=1.0.0');
    expect(pythonRange('>=1.0,<2')).toBe('>=1.0.0 <2.0.0');
    expect(pythonRange('==1.4.*')).toBe('1.4.x');
    expect(pythonRange('~=1.2')).toBe('>=1.2.0 <2.0.0');
    expect(pythonRange('~=1.2.3')).toBe('>=1.2.3 <1.3.0');
    const notTwo = pythonRange('>=1, !=2.0.0') as string;
    expect(semver.satisfies('2.0.0', notTwo)).toBe(false);
    expect(semver.satisfies('2.0.1', notTwo)).toBe(true);
    expect(semver.satisfies('0.9.0', notTwo)).toBe(false);
    expect(pythonRange('>= banana')).toBeNull();
  });

  it('splits a dependency into label and constraint', () => {
    expect(splitRequirement('orders')).toEqual({ name: 'orders' });
    expect(splitRequirement('orders >= 1.0')).toEqual({ name: 'orders', constraint: '>= 1.0' });
    expect(splitRequirement('orders>=1.0,<2')).toEqual({ name: 'orders', constraint: '>=1.0,<2' });
  });

  it("reads pyproject.toml's [project] version and no other table's", () => {
    expect(pyprojectVersion('[tool.poetry]\nversion = "9.9.9"\n\n[project]\nname = "x"\nversion = "0.3.1"\n')).toBe('0.3.1');
    expect(pyprojectVersion('[tool.other]\nversion = "9.9.9"\n')).toBeNull();
  });
});
