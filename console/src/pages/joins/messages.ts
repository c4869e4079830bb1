import type { Messages } from '../../shell/i18n';

type Key =
  | 'day' | 'store' | 'register' | 'members' | 'allStores' | 'storeFilter' | 'lines' | 'stacked' | 'alert' | 'alertsTitle' | 'noAlerts'
  | 'total' | 'empty' | 'range.invalid' | 'range.reversed' | 'range.tooLong' | 'chartTitle' | 'note';

export const joinsMessages: Messages<Key> = {
  zh: {
    day: '日期',
    store: '门店',
    register: '收银台',
    members: '新会员数',
    allStores: '全部门店',
    storeFilter: '门店',
    lines: '按门店折线',
    stacked: '堆叠柱状',
    alert: '门店 {store} 在 {day} 新会员 {members} 人，较近4周同一星期平均 {average} 人下降 50% 以上',
    alertsTitle: '入会下降提醒',
    noAlerts: '该范围内没有下降提醒',
    total: '合计新会员 {total} 人',
    empty: '该日期范围内没有新会员',
    'range.invalid': '请选择有效的日期范围',
    'range.reversed': '结束日期不能早于开始日期',
    'range.tooLong': '日期范围最多 {max} 天',
    chartTitle: '每日新会员（按门店）',
    note: '扫码入会按门店和收银台统计；线上入会不属于任何门店。',
  },
  en: {
    day: 'Day',
    store: 'Store',
    register: 'Register',
    members: 'New members',
    allStores: 'All stores',
    storeFilter: 'Store',
    lines: 'Line per store',
    stacked: 'Stacked bars',
    alert: 'Store {store}: {members} new members on {day}, down 50% or more from the average of {average} for that weekday over the previous 4 weeks',
    alertsTitle: 'Drop alerts',
    noAlerts: 'No drops in this range',
    total: '{total} new members in all',
    empty: 'No new members in this range',
    'range.invalid': 'Choose a valid range of days',
    'range.reversed': 'The end is before the start',
    'range.tooLong': 'At most {max} days',
    chartTitle: 'New members per day, by store',
    note: 'Scan-to-join members are counted by store and register; online joins belong to no store.',
  },
};
