import dayjs, { type Dayjs } from 'dayjs';

/** "Today" as the database counts it: a demo database carries its own day (settings.site_today),
 * so defaults agree with its records; otherwise the computer's. Set by the shell from the
 * settings; every default date in the pages comes from here. */
let siteDay: string | null = null;

export function setSiteToday(day: string | null | undefined) {
  siteDay = day ?? null;
}

export function today(): Dayjs {
  if (!siteDay) return dayjs();
  const now = dayjs();
  return dayjs(siteDay).hour(now.hour()).minute(now.minute()).second(now.second());
}
