/** The member's profile as the page edits it: pure, so it is tested here and the page stays thin. */

type Lang = 'zh' | 'en';
export type Gender = 'female' | 'male' | 'undisclosed';
export const genders: readonly Gender[] = ['female', 'male', 'undisclosed'];

/**
 * Region is a province, chosen from this list. A province/city/district list (~3,000 names, 100 KB+) would be
 * the profile subpackage's biggest file for a field the chain reads by province; WeChat's own region picker has
 * no H5 counterpart. The member's region is stored as the province's Chinese name (what staff read).
 */
export const provinces: ReadonlyArray<{ zh: string; en: string }> = [
  { zh: '北京市', en: 'Beijing' },
  { zh: '天津市', en: 'Tianjin' },
  { zh: '河北省', en: 'Hebei' },
  { zh: '山西省', en: 'Shanxi' },
  { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  { zh: '辽宁省', en: 'Liaoning' },
  { zh: '吉林省', en: 'Jilin' },
  { zh: '黑龙江省', en: 'Heilongjiang' },
  { zh: '上海市', en: 'Shanghai' },
  { zh: '江苏省', en: 'Jiangsu' },
  { zh: '浙江省', en: 'Zhejiang' },
  { zh: '安徽省', en: 'Anhui' },
  { zh: '福建省', en: 'Fujian' },
  { zh: '江西省', en: 'Jiangxi' },
  { zh: '山东省', en: 'Shandong' },
  { zh: '河南省', en: 'Henan' },
  { zh: '湖北省', en: 'Hubei' },
  { zh: '湖南省', en: 'Hunan' },
  { zh: '广东省', en: 'Guangdong' },
  { zh: '广西壮族自治区', en: 'Guangxi' },
  { zh: '海南省', en: 'Hainan' },
  { zh: '重庆市', en: 'Chongqing' },
  { zh: '四川省', en: 'Sichuan' },
  { zh: '贵州省', en: 'Guizhou' },
  { zh: '云南省', en: 'Yunnan' },
  { zh: '西藏自治区', en: 'Tibet' },
  { zh: '陕西省', en: 'Shaanxi' },
  { zh: '甘肃省', en: 'Gansu' },
  { zh: '青海省', en: 'Qinghai' },
  { zh: '宁夏回族自治区', en: 'Ningxia' },
  { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  { zh: '台湾省', en: 'Taiwan' },
  { zh: '香港特别行政区', en: 'Hong Kong' },
  { zh: '澳门特别行政区', en: 'Macao' },
  { zh: '海外', en: 'Outside China' },
];

const SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const shortName = (name: string) => name.trim().replace(SUFFIX, '');

/** The province a stored region names ("上海市", or "上海" as an older client or staff wrote it), or -1. */
export function provinceIndex(region: string | null | undefined): number {
  if (!region) return -1;
  const wanted = shortName(region);
  if (!wanted) return -1;
  return provinces.findIndex((p) => p.zh === region.trim() || shortName(p.zh) === wanted || p.en.toLowerCase() === region.trim().toLowerCase());
}

/** A stored region in the reader's language: a known province by its name, anything else as it was written. */
export function regionLabel(region: string | null | undefined, lang: Lang): string {
  if (!region) return '';
  const i = provinceIndex(region);
  return i < 0 ? region : provinces[i][lang];
}

/** A nickname as the API takes it: trimmed, 1–32 characters (counted as people count them), no control characters. */
export function nicknameProblem(input: string): 'empty' | 'long' | 'control' | null {
  const s = input.trim();
  if (!s) return 'empty';
  if ([...s].length > 32) return 'long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return 'control';
  return null;
}

export interface ProfileFields {
  nickname: string | null;
  gender: Gender | null;
  region: string | null;
}

/**
 * What to PATCH: only the fields the member changed (a nickname emptied is removed: null). Undefined when nothing
 * changed, so the page never sends an empty change (the API refuses one).
 */
export function profileChanges(saved: ProfileFields, draft: { nickname: string; gender: Gender | null; region: string | null }): Partial<ProfileFields> | undefined {
  const out: Partial<ProfileFields> = {};
  const nickname = draft.nickname.trim() || null;
  if (nickname !== (saved.nickname ?? null)) out.nickname = nickname;
  if (draft.gender !== (saved.gender ?? null)) out.gender = draft.gender;
  if ((draft.region ?? null) !== (saved.region ?? null)) out.region = draft.region;
  return Object.keys(out).length ? out : undefined;
}

/** The birthday picker's range: from 1900-01-01 to today (Shanghai), and where it opens when none is set. */
export function birthdayRange(today: string): { start: string; end: string; initial: string } {
  const initial = '1990-01-01' <= today ? '1990-01-01' : today;
  return { start: '1900-01-01', end: today, initial };
}

/**
 * Who gets the birthday double, for the note beside the birthday: the names of the tiers with the benefit, in the
 * rules' order ("金卡会员、钻石会员" / "Gold and Diamond"). Null when no tier has it (then the note says nothing of it).
 */
export function birthdayPerkTiers(tiers: ReadonlyArray<{ name: { zh: string; en: string }; birthdayDoublePoints: boolean }>, lang: Lang): string | null {
  const names = tiers.filter((t) => t.birthdayDoublePoints).map((t) => (lang === 'en' ? t.name.en || t.name.zh : t.name.zh || t.name.en));
  if (names.length === 0) return null;
  if (lang === 'zh') return names.join('、');
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
