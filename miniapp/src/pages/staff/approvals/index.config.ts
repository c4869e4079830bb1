export default definePageConfig({
  navigationBarTitleText: '等级审核',
  enablePullDownRefresh: true,
});
