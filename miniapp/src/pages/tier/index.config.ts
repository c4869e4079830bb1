export default definePageConfig({
  navigationBarTitleText: '会员等级',
  navigationBarBackgroundColor: '#2b1d12',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
});
