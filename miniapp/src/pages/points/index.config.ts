export default definePageConfig({
  navigationBarTitleText: '我的积分',
  navigationBarBackgroundColor: '#2b1d12',
  navigationBarTextStyle: 'white',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
});
