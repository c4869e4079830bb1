/** Display helpers: pure, so the pages stay thin and these stay tested. */

/** "681234567890123456" → "6812 3456 7890 1234 56": how payment codes are shown under the barcode. */
export function groupDigits(digits: string, size = 4): string {
  const clean = digits.replace(/\s+/g, '');
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(' ');
}

/** Integer fen → "1,234.50" yuan, without floating-point rounding. */
export function formatYuan(fen: number): string {
  if (!Number.isFinite(fen)) return '—';
  const negative = fen < 0;
  const abs = Math.round(Math.abs(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** Points with thousands separators. */
export function formatPoints(points: number): string {
  return String(Math.trunc(points)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Strips what people type around a member code: spaces, dashes. */
export function cleanMemberCodeInput(input: string): string {
  return input.replace(/[\s-]/g, '');
}
