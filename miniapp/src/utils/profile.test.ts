import { birthdayPerkTiers, birthdayRange, nicknameProblem, profileChanges, provinceIndex, provinces, regionLabel } from './profile';

describe('provinces', () => {
  it('lists each province once, every name within the API’s 60 characters', () => {
    expect(new Set(provinces.map((p) => p.zh)).size).toBe(provinces.length);
    expect(new Set(provinces.map((p) => p.en)).size).toBe(provinces.length);
    expect(provinces.every((p) => p.zh.length <= 60 && p.en.length <= 60)).toBe(true);
  });
  it('finds a stored region by its full or short name, or in English', () => {
    expect(provinces[provinceIndex('上海市')].en).toBe('Shanghai');
    expect(provinces[provinceIndex('上海')].en).toBe('Shanghai');
    expect(provinces[provinceIndex(' 浙江 ')].zh).toBe('浙江省');
    expect(provinces[provinceIndex('广西')].zh).toBe('广西壮族自治区');
    expect(provinces[provinceIndex('hong kong')].zh).toBe('香港特别行政区');
    expect(provinceIndex('火星')).toBe(-1);
    expect(provinceIndex('')).toBe(-1);
    expect(provinceIndex(null)).toBe(-1);
    expect(provinceIndex('省')).toBe(-1);
  });
  it('shows a region in the reader’s language, or as written when it is not a province', () => {
    expect(regionLabel('上海', 'en')).toBe('Shanghai');
    expect(regionLabel('上海', 'zh')).toBe('上海市');
    expect(regionLabel('浦东新区', 'en')).toBe('浦东新区');
    expect(regionLabel(null, 'zh')).toBe('');
  });
});

describe('nicknameProblem', () => {
  it('takes what the API takes', () => {
    expect(nicknameProblem(' 小明 ')).toBeNull();
    expect(nicknameProblem('   ')).toBe('empty');
    expect(nicknameProblem('字'.repeat(32))).toBeNull();
    expect(nicknameProblem('字'.repeat(33))).toBe('long');
    // An emoji is one character to the member (two UTF-16 units).
    expect(nicknameProblem('😀'.repeat(32))).toBeNull();
    expect(nicknameProblem('a\u0007b')).toBe('control');
  });
});

describe('profileChanges', () => {
  const saved = { nickname: '小明', gender: 'male' as const, region: '上海市' };
  it('sends only what changed, and nothing when nothing did', () => {
    expect(profileChanges(saved, { nickname: ' 小明 ', gender: 'male', region: '上海市' })).toBeUndefined();
    expect(profileChanges(saved, { nickname: '小红', gender: 'male', region: '上海市' })).toEqual({ nickname: '小红' });
    expect(profileChanges(saved, { nickname: '小明', gender: 'female', region: '浙江省' })).toEqual({ gender: 'female', region: '浙江省' });
  });
  it('removes an emptied nickname', () => {
    expect(profileChanges(saved, { nickname: '  ', gender: 'male', region: '上海市' })).toEqual({ nickname: null });
    expect(profileChanges({ nickname: null, gender: null, region: null }, { nickname: '', gender: null, region: null })).toBeUndefined();
  });
});

describe('birthdayRange', () => {
  it('ends today and opens on a sensible year', () => {
    expect(birthdayRange('2026-12-02')).toEqual({ start: '1900-01-01', end: '2026-12-02', initial: '1990-01-01' });
  });
});

describe('birthdayPerkTiers', () => {
  const tiers = [
    { name: { zh: '注册会员', en: 'Member' }, birthdayDoublePoints: false },
    { name: { zh: '银卡会员', en: 'Silver' }, birthdayDoublePoints: false },
    { name: { zh: '金卡会员', en: 'Gold' }, birthdayDoublePoints: true },
    { name: { zh: '钻石会员', en: 'Diamond' }, birthdayDoublePoints: true },
  ];
  it('names the tiers with the birthday double, as the rules configure them', () => {
    expect(birthdayPerkTiers(tiers, 'zh')).toBe('金卡会员、钻石会员');
    expect(birthdayPerkTiers(tiers, 'en')).toBe('Gold and Diamond');
    expect(birthdayPerkTiers([...tiers, { name: { zh: '黑卡', en: 'Black' }, birthdayDoublePoints: true }], 'en')).toBe('Gold, Diamond and Black');
    expect(birthdayPerkTiers(tiers.slice(0, 2), 'zh')).toBeNull();
  });
});
