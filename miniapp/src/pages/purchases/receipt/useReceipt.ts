import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { RouteResponse } from '@shared/routes';
import { api, errorMessage } from '../../../services/api';
import { ensureMember } from '../../../services/member-guard';
import { pages, withQuery } from '../../../utils/links';
import type { ReceiptRef } from '../../../utils/purchases';

export type Receipt = RouteResponse<'myReceipt'>;

/** One of the member's receipts, with its lines; read when the page shows (a return since changes it). */
export function useReceipt(ref: ReceiptRef | undefined) {
  const [receipt, setReceipt] = useState<Receipt>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    if (!ref) return;
    setLoading(true);
    try {
      setReceipt(await api.call('myReceipt', { params: ref }));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [ref?.storeId, ref?.receiptNo]); // eslint-disable-line react-hooks/exhaustive-deps

  useDidShow(() => {
    if (!ref) return;
    if (ensureMember(withQuery(pages.receipt, { storeId: ref.storeId, receiptNo: ref.receiptNo }))) load();
  });

  return { receipt, error, loading, reload: load };
}
