export default definePageConfig({
  navigationBarTitleText: '积分负债',
  enablePullDownRefresh: true,
});
