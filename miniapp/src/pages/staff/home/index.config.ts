export default definePageConfig({
  navigationBarTitleText: '员工主页',
});
