import { useCallback, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { ErrorCode } from '@shared/errors';
import type { RouteResponse } from '@shared/routes';
import { ApiError, api, errorMessage } from '../../services/api';
import { ensureMember } from '../../services/member-guard';
import { cachedPointsRules, loadPointsRules } from '../../services/points-rules';
import { pages } from '../../utils/links';
import { profileChanges, type Gender } from '../../utils/profile';

export type Profile = RouteResponse<'myProfile'>;
export interface Draft {
  nickname: string;
  gender: Gender | null;
  region: string | null;
}

const draftOf = (p: Profile): Draft => ({ nickname: p.nickname ?? '', gender: p.gender, region: p.region });

/**
 * The profile page's data: the saved profile, the member's unsaved edits (nickname, gender, region, saved
 * together), and the birthday, which is saved on its own after a confirmation because it is set once.
 */
export function useProfile() {
  const [profile, setProfile] = useState<Profile>();
  const [draft, setDraft] = useState<Draft>({ nickname: '', gender: null, region: null });
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [settingBirthday, setSettingBirthday] = useState(false);
  const [rules, setRules] = useState(cachedPointsRules);
  const busy = useRef(false);
  const profileRef = useRef<Profile>();
  profileRef.current = profile;

  const load = useCallback(async () => {
    try {
      const p = await api.call('myProfile');
      // Coming back to the page keeps what the member was typing; a first load fills the form.
      setDraft((d) => (!profileRef.current || !profileChanges(profileRef.current, d) ? draftOf(p) : d));
      setProfile(p);
      setLoadError(undefined);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);

  useDidShow(() => {
    if (!ensureMember(pages.profile)) return;
    load();
    // Only for the birthday note (which tiers double points): the page works without it.
    loadPointsRules().then(setRules, () => undefined);
  });

  const changes = profile ? profileChanges(profile, draft) : undefined;

  /** Saves nickname, gender and region as edited; resolves to an error message, or undefined when saved. */
  const save = useCallback(async (): Promise<string | undefined> => {
    if (!profile || !changes || busy.current) return undefined;
    busy.current = true;
    setSaving(true);
    try {
      const p = await api.call('updateMyProfile', { body: changes });
      setProfile(p);
      setDraft(draftOf(p));
      return undefined;
    } catch (err) {
      return errorMessage(err);
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }, [profile, changes]);

  /** Sets the birthday (once). A birthday set meanwhile elsewhere (409 BIRTHDAY_LOCKED) shows the saved one, locked. */
  const setBirthday = useCallback(async (birthday: string): Promise<string | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setSettingBirthday(true);
    try {
      const p = await api.call('updateMyProfile', { body: { birthday } });
      setProfile(p);
      return undefined;
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.BIRTHDAY_LOCKED) load();
      return errorMessage(err);
    } finally {
      busy.current = false;
      setSettingBirthday(false);
    }
  }, [load]);

  return { profile, draft, setDraft, changes, loadError, reload: load, save, saving, setBirthday, settingBirthday, rules };
}
