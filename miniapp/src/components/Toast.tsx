import Taro from '@tarojs/taro';

/**
 * Short notices through the platform's own toast (WeChat's in the mini-program, Taro's in H5), as the API client's
 * "session expired" already is. NutUI's Toast came with its overlay, icons and react-transition-group (~40 KB minified)
 * into the main package for the sign-in and join pages; the native one costs nothing and is what WeChat users know.
 * A native toast belongs to the page on top, so one on a page under the current one can no longer show.
 *
 * `PageToast` renders nothing: it stays so pages keep their shape (and their toast ids) should a drawn toast return.
 */
export function PageToast(_props: { id: string }) {
  return null;
}

/** WeChat shows at most 7 Chinese characters beside an icon, and two lines without one. */
const ICON_TEXT_MAX = 7;

export function showToast(_id: string, content: string, icon: 'success' | 'fail' | 'warn' | 'loading' | null = null) {
  const fitsBesideIcon = [...content].length <= ICON_TEXT_MAX;
  const native = icon === 'loading' ? 'loading' : !fitsBesideIcon ? 'none' : icon === 'success' ? 'success' : icon === 'fail' ? 'error' : 'none';
  Promise.resolve()
    .then(() => Taro.showToast({ title: content, icon: native, duration: 2500 }))
    .catch(() => undefined);
}
