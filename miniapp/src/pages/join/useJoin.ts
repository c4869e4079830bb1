import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@shared/errors';
import type { RouteResponse } from '@shared/routes';
import { ApiError, api, errorMessage } from '../../services/api';
import { loadPublicInfo, type PublicInfo } from '../../services/public-info';
import { shopperSession } from '../../services/session';
import { pages, withQuery } from '../../utils/links';

type SceneInfo = RouteResponse<'sceneInfo'>;

/**
 * The join page's data: the scene's store (when the shopper scanned a register's code), the consent
 * versions to accept, and the join call itself.
 */
export function useJoin(scene: string | undefined, onError: (message: string) => void) {
  const [info, setInfo] = useState<PublicInfo>();
  const [sceneInfo, setSceneInfo] = useState<SceneInfo>();
  const [sceneInvalid, setSceneInvalid] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string>();
  const signedIn = Boolean(shopperSession.token());

  useEffect(() => {
    if (!signedIn) {
      // Sign in first, then come back here with the same scene.
      Taro.redirectTo({ url: withQuery(pages.login, { redirect: withQuery(pages.join, { scene }) }) });
      return;
    }
    let alive = true;
    loadPublicInfo().then(
      (i) => alive && setInfo(i),
      (e) => alive && setLoadError(errorMessage(e)),
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
    if (joining || !consent) return;
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
      Taro.reLaunch({ url: pages.card });
      return true;
    } catch (err) {
      const message = errorMessage(err);
      setError(message);
      onError(message);
    } finally {
      setJoining(false);
    }
  }

  return { signedIn, info, sceneInfo, sceneInvalid, consent, loadError, joining, error, join };
}
