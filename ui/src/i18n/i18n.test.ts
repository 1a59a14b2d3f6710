import { describe, expect, it } from 'vitest';
import { labeller, messages, tables, translator } from '.';

describe('messages', () => {
  it('has every key in both languages and no empty text', () => {
    const zh = Object.keys(messages['zh-CN']).sort();
    const en = Object.keys(messages['en-US']).sort();
    expect(en).toEqual(zh);
    for (const table of Object.values(messages)) {
      for (const [k, v] of Object.entries(table)) expect(v.trim(), k).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(messages['zh-CN']) as (keyof (typeof messages)['zh-CN'])[]) {
      expect(vars(messages['en-US'][k]), k).toEqual(vars(messages['zh-CN'][k]));
    }
  });

  it('fills placeholders', () => {
    expect(translator('zh-CN')('home.overdueNotice', { n: 3 })).toContain('有 3 项');
    expect(translator('en-US')('sync.enrolSaved', { path: '/tmp/e.bdk' })).toBe('Enrolment file saved to /tmp/e.bdk; give it to the unit to import.');
  });

  it('defines each key in one noun table only', () => {
    const seen = new Map<string, string>();
    for (const [noun, table] of Object.entries(tables)) {
      for (const key of Object.keys(table.zh)) {
        expect(seen.get(key), `${key} in ${noun}`).toBeUndefined();
        seen.set(key, noun);
      }
    }
  });

  it('reads enum labels generated from Rust', () => {
    expect(labeller('zh-CN')('UnitKind', 'branch')).toBe('分公司');
    expect(labeller('en-US')('PlanStatus', 'submitted')).toBe('Submitted');
    expect(labeller('zh-CN')('PlanStatus', 'nonsense')).toBe('nonsense');
  });
});
