export default definePageConfig({
  navigationBarTitleText: '会员中心',
  navigationBarBackgroundColor: '#2b1d12',
  navigationBarTextStyle: 'white',
});
