import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@shared/errors';
import type { MemberCard } from '@shared/features/members/schemas';
import type { RouteResponse } from '@shared/routes';
import { ApiError, api, errorMessage } from '../../services/api';
import { loadPointsRules, type PointsRules } from '../../services/points-rules';
import { loadPublicInfo, type PublicInfo } from '../../services/public-info';
import { shopperSession } from '../../services/session';
import { pages, withQuery } from '../../utils/links';

type SceneInfo = RouteResponse<'sceneInfo'>;

/**
 * Who opened the join page: a shopper who has not joined (the form), a member (any store's link: "already a
 * member" with their card, never a second join), or not yet known (the stored member number is checked first).
 */
export type Standing = { kind: 'checking' } | { kind: 'new' } | { kind: 'member'; card: MemberCard | null };

const notAMember = (err: unknown) => err instanceof ApiError && (err.code === ErrorCode.NOT_A_MEMBER || (err.status === 403 && err.code === ErrorCode.FORBIDDEN));

/**
 * The join page's data: who the shopper is, the scene's store (when they scanned a register's code), the consent
 * versions to accept, the chain's rules (what a new member gets), and the join call itself.
 */
export function useJoin(scene: string | undefined, onError: (message: string) => void) {
  const [info, setInfo] = useState<PublicInfo>();
  const [sceneInfo, setSceneInfo] = useState<SceneInfo>();
  const [sceneInvalid, setSceneInvalid] = useState(false);
  const [rules, setRules] = useState<PointsRules>();
  const [loadError, setLoadError] = useState<string>();
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string>();
  const signedIn = Boolean(shopperSession.token());
  const [standing, setStanding] = useState<Standing>(() => (shopperSession.memberId() ? { kind: 'checking' } : { kind: 'new' }));

  useEffect(() => {
    if (!signedIn) {
      // Sign in first, then come back here with the same scene.
      Taro.redirectTo({ url: withQuery(pages.login, { redirect: withQuery(pages.join, { scene }) }) });
      return;
    }
    let alive = true;
    if (shopperSession.memberId()) {
      // A member opening a join link: show their card instead of the form. A stale member number (the member
      // left, or the server says otherwise) falls back to the form.
      api.call('myCard').then(
        (card) => alive && setStanding({ kind: 'member', card }),
        (e) => {
          if (!alive) return;
          if (notAMember(e)) {
            shopperSession.save(shopperSession.token()!, null);
            setStanding({ kind: 'new' });
          } else setStanding({ kind: 'member', card: null });
        },
      );
    }
    loadPublicInfo().then(
      (i) => alive && setInfo(i),
      (e) => alive && setLoadError(errorMessage(e)),
    );
    // What a new member gets, shown before joining; the page works without it.
    loadPointsRules().then(
      (r) => alive && setRules(r),
      () => undefined,
    );
    if (scene) {
      api.call('sceneInfo', { params: { scene } }).then(
        (s) => alive && setSceneInfo(s),
        (e) => {
          if (!alive) return;
          if (e instanceof ApiError && (e.code === ErrorCode.SCENE_UNKNOWN || e.status === 404 || e.status === 400)) setSceneInvalid(true);
          else setLoadError(errorMessage(e));
        },
      );
    }
    return () => {
      alive = false;
    };
  }, [signedIn, scene]);

  const consent = sceneInfo?.consent ?? info?.consent;

  async function join(phoneCode?: string) {
    if (joining || !consent || standing.kind !== 'new') return;
    setJoining(true);
    setError(undefined);
    try {
      const res = await api.call('join', {
        body: {
          consent: { accepted: true, privacyPolicyVersion: consent.privacyPolicyVersion, termsVersion: consent.termsVersion },
          scene: scene && !sceneInvalid ? scene : undefined,
          phoneCode,
        },
      });
      shopperSession.save(res.token, res.card.memberId);
      // Joining is idempotent per person: an identity that already has a member answers that member.
      if (!res.created) setStanding({ kind: 'member', card: res.card });
      else Taro.reLaunch({ url: pages.card });
      return true;
    } catch (err) {
      const message = errorMessage(err);
      setError(message);
      onError(message);
    } finally {
      setJoining(false);
    }
  }

  return { signedIn, standing, info, sceneInfo, sceneInvalid, consent, rules, loadError, joining, error, join };
}
