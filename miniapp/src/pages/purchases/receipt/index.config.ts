export default definePageConfig({
  navigationBarTitleText: '电子小票',
});
