/** The new-note form's module list stays short on a big platform and keeps the chosen modules. */
import { describe, expect, it } from 'vitest';
import { MODULE_CHOICES_SHOWN, moduleChoices } from '../src-renderer/src/views/notes/module-choices';

const names = Array.from({ length: 5000 }, (_, i) => `mod_${String(i).padStart(4, '0')}`);

describe('the new-note module choices', () => {
  it('lists a bounded number of modules on 5,000 and says how many more there are', () => {
    const { visible, hidden } = moduleChoices(names, [], '');
    expect(visible).toHaveLength(MODULE_CHOICES_SHOWN);
    expect(visible[0]).toBe('mod_0000');
    expect(hidden).toBe(5000 - MODULE_CHOICES_SHOWN);
  });

  it('always lists the chosen modules, in name order with the others, so checking one never moves it', () => {
    const { visible, hidden } = moduleChoices(names, ['mod_4999', 'mod_0002'], '');
    expect(visible).toContain('mod_4999');
    expect(visible.indexOf('mod_0002')).toBe(2);
    expect(visible[visible.length - 1]).toBe('mod_4999');
    expect(visible).toHaveLength(MODULE_CHOICES_SHOWN + 2);
    expect(hidden).toBe(5000 - 2 - MODULE_CHOICES_SHOWN);
  });

  it('filters by any part of the name in any case, and a small platform lists everything', () => {
    expect(moduleChoices(names, [], ' MOD_123').visible).toEqual(['mod_1230', 'mod_1231', 'mod_1232', 'mod_1233', 'mod_1234', 'mod_1235', 'mod_1236', 'mod_1237', 'mod_1238', 'mod_1239']);
    expect(moduleChoices(['billing', 'Payments', 'tenancy'], ['tenancy'], 'pay')).toEqual({ visible: ['Payments', 'tenancy'], hidden: 0 });
    expect(moduleChoices(['a', 'b'], [], '')).toEqual({ visible: ['a', 'b'], hidden: 0 });
  });
});
