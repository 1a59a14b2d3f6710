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
