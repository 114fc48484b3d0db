import { describe, expect, it } from 'vitest';
import { cookieValues, createLaunchSecret, secretCookie } from './launch-secret';

describe('the launch secret', () => {
  it('is 256 random bits, new on every launch', () => {
    const a = createLaunchSecret();
    const b = createLaunchSecret();
    expect(a.value).toMatch(/^[0-9a-f]{64}$/);
    expect(a.value).not.toBe(b.value);
    expect(a.matches(b.value)).toBe(false);
  });

  it('matches itself only, whatever the candidate', () => {
    const s = createLaunchSecret();
    expect(s.matches(s.value)).toBe(true);
    for (const c of [undefined, null, '', s.value.slice(1), `${s.value}0`, s.value.toUpperCase(), ` ${s.value}`]) expect(s.matches(c)).toBe(false);
  });

  it('reads its cookie among others; the cookie is HttpOnly and SameSite=Strict', () => {
    expect(secretCookie(7420, 'abc')).toBe('mwb-serve-7420=abc; Path=/; HttpOnly; SameSite=Strict');
    expect(cookieValues('a=1; mwb-serve-7420=abc; mwb-serve-7421=def;mwb-serve-7420=x', 'mwb-serve-7420')).toEqual(['abc', 'x']);
    expect(cookieValues(undefined, 'mwb-serve-7420')).toEqual([]);
    expect(cookieValues('mwb-serve-74200=abc', 'mwb-serve-7420')).toEqual([]);
  });
});
