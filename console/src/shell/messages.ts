import type { Messages } from './i18n';

type Key =
  | 'title' | 'signIn' | 'username' | 'password' | 'signOut' | 'required' | 'language' | 'noPages' | 'notFound' | 'back'
  | 'role.admin' | 'role.ops' | 'role.finance' | 'role.service' | 'role.cashier' | 'scope.chain' | 'scope.region' | 'scope.store' | 'loading' | 'forbidden';

export const shellMessages: Messages<Key> = {
  zh: {
    title: '会员运营后台',
    signIn: '登录',
    username: '用户名',
    password: '密码',
    signOut: '退出登录',
    required: '必填',
    language: 'English',
    noPages: '此账号在后台没有可用的功能。收银请使用小程序中的收银台。',
    notFound: '页面不存在',
    back: '返回首页',
    'role.admin': '管理员',
    'role.ops': '运营',
    'role.finance': '财务',
    'role.service': '客服',
    'role.cashier': '收银员',
    'scope.chain': '全部门店',
    'scope.region': '区域：{region}',
    'scope.store': '门店：{storeId}',
    loading: '加载中…',
    forbidden: '此账号无权使用该功能',
  },
  en: {
    title: 'Membership Console',
    signIn: 'Sign in',
    username: 'Username',
    password: 'Password',
    signOut: 'Sign out',
    required: 'Required',
    language: '中文',
    noPages: 'This account has nothing to do in the console. Cashiers use the register in the mini-program.',
    notFound: 'No such page',
    back: 'Back to start',
    'role.admin': 'Admin',
    'role.ops': 'Operations',
    'role.finance': 'Finance',
    'role.service': 'Customer service',
    'role.cashier': 'Cashier',
    'scope.chain': 'All stores',
    'scope.region': 'Region: {region}',
    'scope.store': 'Store: {storeId}',
    loading: 'Loading…',
    forbidden: 'This account may not use this page',
  },
};
