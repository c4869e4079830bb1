import Taro from '@tarojs/taro';
import { pages, withQuery } from '../utils/links';
import { shopperSession } from './session';

/**
 * Member pages (points, tier, messages) need a signed-in member: a visitor goes to sign in and comes back here,
 * a shopper who has not joined goes to join. Returns whether the page may load its data.
 */
export function ensureMember(here: string): boolean {
  if (!shopperSession.token()) {
    Taro.redirectTo({ url: withQuery(pages.login, { redirect: here }) });
    return false;
  }
  if (!shopperSession.memberId()) {
    Taro.redirectTo({ url: pages.join });
    return false;
  }
  return true;
}
