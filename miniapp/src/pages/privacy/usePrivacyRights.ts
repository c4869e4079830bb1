import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { translate } from '../../i18n';
import { api, errorMessage } from '../../services/api';
import { shopperSession } from '../../services/session';
import { pages } from '../../utils/links';
import { newDeletionKey } from '../../utils/privacy';
import { saveExport } from './save-export';

type Consents = RouteResponse<'myConsents'>;
type Preview = RouteResponse<'myDeletionPreview'>;

/**
 * The privacy page's member actions (issue 9 §4): the consents shown and the marketing toggle, the export (saved
 * as a file), the deletion preview and the deletion itself. Nothing loads for a visitor: the page then shows the
 * policy only.
 */
export function usePrivacyRights() {
  const isMember = () => !!shopperSession.token() && !!shopperSession.memberId();
  const [member, setMember] = useState(isMember);
  const [consents, setConsents] = useState<Consents>();
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState<'export' | 'marketing' | 'preview' | 'delete' | null>(null);
  const [error, setError] = useState<string>();
  // One key per confirmation: a retry after a lost answer is the same deletion.
  const deletionKey = useRef<string>();

  useDidShow(() => {
    const now = isMember();
    setMember(now);
    if (!now) return;
    api.call('myConsents').then(setConsents, (err) => setError(errorMessage(err)));
  });

  const run = useCallback(async <T,>(what: NonNullable<typeof busy>, action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(what);
    setError(undefined);
    try {
      return await action();
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);

  const exportData = () =>
    run('export', async () => {
      const doc = await api.call('myDataExport');
      const outcome = await saveExport(doc);
      Taro.showToast({ title: translate(outcome.kind === 'downloaded' ? 'privacy.rights.exported' : outcome.kind === 'shared' ? 'privacy.rights.exportShared' : 'privacy.rights.exportCopied', { file: outcome.file }), icon: 'none' }).catch(() => undefined);
    });

  const setMarketing = (granted: boolean) =>
    run('marketing', async () => {
      const next = await api.call('updateMyConsent', { body: { marketing: granted } });
      setConsents(next);
      Taro.showToast({ title: translate(granted ? 'privacy.rights.marketingOn' : 'privacy.rights.marketingOff'), icon: 'none' }).catch(() => undefined);
    });

  const openDeletion = () =>
    run('preview', async () => {
      deletionKey.current = newDeletionKey();
      setPreview(await api.call('myDeletionPreview'));
      // The confirm screen takes the rights panel's place, at the top of the page.
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    });
  const closeDeletion = () => {
    setPreview(undefined);
    setError(undefined);
  };

  /** Deletes, then signs out and goes to the card (the welcome for a visitor). */
  const deleteMembership = () =>
    run('delete', async () => {
      await api.call('deleteMyMembership', { body: { confirm: true, idempotencyKey: deletionKey.current ?? newDeletionKey() } });
      shopperSession.clear();
      setMember(false);
      setPreview(undefined);
      Taro.showToast({ title: translate('privacy.delete.done'), icon: 'none' }).catch(() => undefined);
      await Taro.reLaunch({ url: pages.card });
    });

  return { member, consents, preview, busy, error, exportData, setMarketing, openDeletion, closeDeletion, deleteMembership };
}
