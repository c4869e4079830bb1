export default defineAppConfig({
  // The card page comes first: it is the home page and decides between welcome, join and card.
  pages: [
    'pages/card/index',
    'pages/login/index',
    'pages/join/index',
    'pages/privacy/index',
    'pages/points/index',
    'pages/tier/index',
    'pages/rules/index',
    'pages/messages/index',
    'pages/staff/login/index',
    'pages/staff/home/index',
    'pages/staff/cashier/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#2b1d12',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f2ec',
  },
});
