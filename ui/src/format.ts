// Display formats of UI.md: 2016年7月, 2016年第三季度, ¥1,600.00, percentages with two decimals.
import type { Lang } from './bindings/Lang';

const QUARTERS_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2016-07` → 2016年7月, `2016-Q3` → 2016年第三季度, `2016` → 2016年 (or English). */
export function formatPeriod(period: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[2]);
    return lang === 'zh-CN' ? `${month[1]}年${m}月` : `${MONTHS_EN[m - 1]} ${month[1]}`;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const q = Number(quarter[2]);
    return lang === 'zh-CN' ? `${quarter[1]}年第${QUARTERS_ZH[q - 1]}季度` : `Q${q} ${quarter[1]}`;
  }
  if (/^\d{4}$/.test(period)) return lang === 'zh-CN' ? `${period}年` : period;
  return period;
}

/**
 * Formats a decimal string (as the Rust side sends every amount) with thousands separators and
 * a fixed number of decimals, without going through binary floating point.
 */
export function formatDecimal(value: string, decimals = 2): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int, frac = ''] = m;
  let digits = int + frac.padEnd(decimals + 1, '0').slice(0, decimals + 1);
  // round half up on the dropped digit
  const roundUp = Number(digits[digits.length - 1]) >= 5;
  digits = digits.slice(0, -1);
  if (roundUp) {
    const arr = digits.split('').map(Number);
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === 9) {
        arr[i] = 0;
        i -= 1;
      } else {
        arr[i] += 1;
        break;
      }
    }
    digits = (i < 0 ? '1' : '') + arr.join('');
  }
  const intPart = digits.slice(0, digits.length - decimals).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = digits.slice(digits.length - decimals);
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const isZero = /^[0,]*$/.test(grouped) && /^0*$/.test(fracPart);
  return `${sign && !isZero ? '-' : ''}${grouped}${decimals > 0 ? '.' + fracPart : ''}`;
}

export function formatAmount(value: string): string {
  return `¥${formatDecimal(value, 2)}`;
}

/** The months, quarters and years of an assessment window (dates `YYYY-MM-DD`), oldest first. */
export function windowPeriods(start: string, end: string) {
  const months: string[] = [];
  let [y, m] = start.slice(0, 7).split('-').map(Number);
  const [ey, em] = end.slice(0, 7).split('-').map(Number);
  while (y < ey || (y === ey && m <= em)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  const quarters = [...new Set(months.map((p) => `${p.slice(0, 4)}-Q${Math.ceil(Number(p.slice(5)) / 3)}`))];
  const years = [...new Set(months.map((p) => p.slice(0, 4)))];
  return { months, quarters, years };
}

/** An audit time `2016-07-05T08:00:00Z` (UTC) as local `2016-07-05 16:00`: every time shown. */
export function formatTime(at: string | null | undefined): string {
  if (!at) return '—';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

