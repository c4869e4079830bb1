export default definePageConfig({
  navigationBarTitleText: '隐私政策与会员条款',
});
