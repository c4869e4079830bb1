import { createCouponPackRequest } from '../../../../shared/features/coupons/schemas';
import { itemsProblem, packFieldOf, packRequestOf } from './model';

describe('a coupon pack as the form holds it', () => {
  it('sends trimmed names and whole counts; the API accepts it', () => {
    const body = packRequestOf({ packId: ' NEW-MEMBER ', nameZh: ' 新人礼包 ', nameEn: '', items: [{ templateId: 'A', count: '1' }, { templateId: 'B', count: ' 2 ' }] });
    expect(body).toEqual({ packId: 'NEW-MEMBER', name: { zh: '新人礼包', en: '新人礼包' }, items: [{ templateId: 'A', count: 1 }, { templateId: 'B', count: 2 }] });
    expect(createCouponPackRequest.safeParse(body).success).toBe(true);
    expect(() => packRequestOf({ packId: 'P', nameZh: 'x', items: [{ templateId: 'A', count: '1.5' }] })).toThrow();
  });
  it('refuses what the API would: none, more than 10 templates, a template twice, more than 20 coupons', () => {
    expect(itemsProblem([])).toBe('none');
    expect(itemsProblem(Array.from({ length: 11 }, (_, i) => ({ templateId: `T${i}`, count: '1' })))).toBe('tooManyTemplates');
    expect(itemsProblem([{ templateId: 'A', count: '1' }, { templateId: 'A', count: '1' }])).toBe('duplicate');
    expect(itemsProblem([{ templateId: 'A', count: '15' }, { templateId: 'B', count: '6' }])).toBe('tooManyCoupons');
    expect(itemsProblem([{ templateId: 'A', count: '15' }, { templateId: 'B', count: '5' }])).toBeNull();
  });
  it('server paths land on the line', () => {
    expect(packFieldOf(['body', 'items', '1', 'count'])).toEqual(['items', 1, 'count']);
    expect(packFieldOf(['body', 'name', 'zh'])).toEqual(['nameZh']);
    expect(packFieldOf(['body', 'items'])).toBeNull();
  });
});
