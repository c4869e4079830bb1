import CODE128C from 'jsbarcode/bin/barcodes/CODE128/CODE128C';

/**
 * Code 128 (set C, two digits per symbol) as data. jsbarcode's encoder gives the module pattern; its
 * renderers need a DOM, so we draw the bars ourselves.
 */
export interface Bar {
  /** Offset from the left edge, in modules. */
  start: number;
  /** Width in modules (1–4). */
  width: number;
}

/** '1' is a dark module, '0' a light one; start, data, checksum and stop symbols included. */
export function code128Pattern(digits: string): string {
  if (!/^\d+$/.test(digits) || digits.length % 2 !== 0) {
    throw new Error('Code 128 set C takes an even number of digits');
  }
  const encoder = new CODE128C(digits, {});
  if (!encoder.valid()) throw new Error('not encodable as Code 128 set C');
  return encoder.encode().data;
}

/** Consecutive dark modules merged into bars. */
export function patternToBars(pattern: string): Bar[] {
  const bars: Bar[] = [];
  let start = -1;
  for (let i = 0; i <= pattern.length; i++) {
    const dark = pattern[i] === '1';
    if (dark && start < 0) start = i;
    if (!dark && start >= 0) {
      bars.push({ start, width: i - start });
      start = -1;
    }
  }
  return bars;
}
