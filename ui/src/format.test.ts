import { describe, expect, it } from 'vitest';
import { formatAmount, formatDecimal, formatPeriod } from './format';

describe('formatPeriod', () => {
  it('writes periods the way Chinese offices do', () => {
    expect(formatPeriod('2016-07', 'zh-CN')).toBe('2016年7月');
    expect(formatPeriod('2016-Q3', 'zh-CN')).toBe('2016年第三季度');
    expect(formatPeriod('2016', 'zh-CN')).toBe('2016年');
    expect(formatPeriod('2016-12', 'en-US')).toBe('Dec 2016');
    expect(formatPeriod('2016-Q1', 'en-US')).toBe('Q1 2016');
  });
});

describe('formatDecimal', () => {
  it('groups thousands and rounds half up without floats', () => {
    expect(formatAmount('1600')).toBe('¥1,600.00');
    expect(formatDecimal('1234567.891')).toBe('1,234,567.89');
    expect(formatDecimal('12.345')).toBe('12.35');
    expect(formatDecimal('99.995')).toBe('100.00');
    expect(formatDecimal('-0.001')).toBe('0.00');
    expect(formatDecimal('-1234.5', 0)).toBe('-1,235');
    // 0.1 + 0.2 style float error must not appear
    expect(formatDecimal('0.285')).toBe('0.29');
    expect(formatDecimal('not a number')).toBe('not a number');
  });
});

describe('windowPeriods', () => {
  it('lists the months, quarters and years of seed 001 window', async () => {
    const { windowPeriods } = await import('./format');
    const w = windowPeriods('2016-06-01', '2016-12-31');
    expect(w.months).toEqual(['2016-06', '2016-07', '2016-08', '2016-09', '2016-10', '2016-11', '2016-12']);
    expect(w.quarters).toEqual(['2016-Q2', '2016-Q3', '2016-Q4']);
    expect(w.years).toEqual(['2016']);
    expect(windowPeriods('2016-11-15', '2017-02-01').months).toEqual(['2016-11', '2016-12', '2017-01', '2017-02']);
  });
});
