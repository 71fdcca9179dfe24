// A point in time as a <time> element: "3 min ago" style for recent moments, the date otherwise;
// the exact local time in the tooltip.
import { useI18n } from '../i18n/i18n.tsx';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

export function RelativeTime({ iso }: { iso: string }) {
  const { locale } = useI18n();
  const tag = locale === 'zh' ? 'zh-CN' : 'en';
  const exact = new Date(iso).toLocaleString(tag);
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(iso, tag)}
    </time>
  );
}
