import type { Messages } from '../../shell/i18n';

type Key =
  | 'day' | 'store' | 'storeId' | 'storeName' | 'registerId' | 'registerName' | 'salesPosted' | 'salesNet' | 'membersIdentified' | 'joins' | 'pointsIssued'
  | 'pointsRedeemed' | 'returns' | 'total' | 'allStores' | 'export' | 'file' | 'empty' | 'note';

export const registerDayMessages: Messages<Key> = {
  zh: {
    day: '营业日',
    store: '门店',
    storeId: '门店编号',
    storeName: '门店名称',
    registerId: '收银台',
    registerName: '收银台名称',
    salesPosted: '销售笔数',
    salesNet: '净销售额（元）',
    membersIdentified: '识别会员笔数',
    joins: '新入会',
    pointsIssued: '发放积分',
    pointsRedeemed: '抵扣积分',
    returns: '退货笔数',
    total: '合计',
    allStores: '全部门店',
    export: '导出 CSV',
    file: '收银台日报',
    empty: '该营业日没有收银数据',
    note: '按营业日（北京时间）统计各收银台的销售、会员识别、入会和积分。',
  },
  en: {
    day: 'Business day',
    store: 'Store',
    storeId: 'Store ID',
    storeName: 'Store',
    registerId: 'Register',
    registerName: 'Register name',
    salesPosted: 'Sales',
    salesNet: 'Net sales (¥)',
    membersIdentified: 'Sales with a member',
    joins: 'Joins',
    pointsIssued: 'Points issued',
    pointsRedeemed: 'Points redeemed',
    returns: 'Returns',
    total: 'Total',
    allStores: 'All stores',
    export: 'Export CSV',
    file: 'register-day',
    empty: 'No register activity on this day',
    note: 'Each register’s business day (Beijing time): sales, members identified, joins and points.',
  },
};
