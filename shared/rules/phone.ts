/** Mainland China mobile numbers: 11 digits starting with 1[3-9]. An optional +86 / 86 prefix is dropped. */
export const CN_MOBILE = /^1[3-9]\d{9}$/;

export function normalizePhone(input: string): string {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return digits;
}

/** 13812345678 → 138****5678, the masking staff and receipts show. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
