import { ApiError } from '@shared/api-client';

export interface RegisterChoice {
  registerId: string;
  name: string;
}

/**
 * The server's answer to a cashier who signed in without a register: 400 REGISTER_REQUIRED whose
 * `details.registers` lists the store's registers. Undefined for any other error.
 */
export function registerChoicesOf(err: unknown): RegisterChoice[] | undefined {
  if (!(err instanceof ApiError) || err.code !== 'REGISTER_REQUIRED') return undefined;
  const list = (err.details as { registers?: unknown } | undefined)?.registers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is RegisterChoice => typeof r?.registerId === 'string' && typeof r?.name === 'string',
  );
}
