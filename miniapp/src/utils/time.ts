/**
 * Dates as the chain counts them: Asia/Shanghai, whatever zone the phone is set to. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact for every date the app shows, and needs no Intl time-zone
 * data (which some WeChat base libraries lack).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function shanghaiParts(iso: string): { day: string; time: string } | undefined {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS).toISOString(); // "YYYY-MM-DDTHH:mm:ss.sssZ" in Shanghai time
  return { day: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** "2026-11-23T06:05:00Z" → "2026-11-23" (the Shanghai business day). */
export function shanghaiDay(iso: string): string {
  return shanghaiParts(iso)?.day ?? '';
}

/** "2026-11-23T06:05:00Z" → "2026-11-23 14:05" in Shanghai time; '' for nonsense. */
export function shanghaiDateTime(iso: string): string {
  const p = shanghaiParts(iso);
  return p ? `${p.day} ${p.time}` : '';
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A business day ("2027-11-30") for reading: "2027年11月30日" / "30 Nov 2027". Anything else is shown as given. */
export function formatDay(day: string, lang: 'zh' | 'en'): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  const month = Number(mo);
  if (month < 1 || month > 12) return day;
  return lang === 'en' ? `${Number(d)} ${EN_MONTHS[month - 1]} ${y}` : `${y}年${month}月${Number(d)}日`;
}

/** A business day without the year, for short lists: "11月30日" / "30 Nov". */
export function formatShortDay(day: string, lang: 'zh' | 'en'): string {
  const m = DAY.exec(day);
  if (!m) return day;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return day;
  return lang === 'en' ? `${Number(m[3])} ${EN_MONTHS[month - 1]}` : `${month}月${Number(m[3])}日`;
}
