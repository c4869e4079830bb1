// The main package holds what a shopper needs on the first open: the card (home), sign-in, join and privacy. Every
// other feature is a subpackage, downloaded when first opened (WeChat: 2 MB per package, 20 MB in all). Subpackage
// roots keep the pages' old paths, so links, join codes and bookmarks still work.
export default defineAppConfig({
  pages: ['pages/card/index', 'pages/login/index', 'pages/join/index', 'pages/privacy/index'],
  subPackages: [
    { root: 'pages/points', pages: ['index'] },
    { root: 'pages/tier', pages: ['index'] },
    { root: 'pages/rules', pages: ['index'] },
    { root: 'pages/messages', pages: ['index'] },
    { root: 'pages/profile', pages: ['index'] },
    { root: 'pages/purchases', pages: ['index', 'receipt/index'] },
    { root: 'pages/coupons', pages: ['index', 'centre/index', 'detail/index'] },
    { root: 'pages/staff', pages: ['login/index', 'home/index', 'cashier/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#2b1d12',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f2ec',
  },
});
