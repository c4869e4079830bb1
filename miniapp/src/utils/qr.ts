import { create } from 'qrcode/lib/core/qrcode';

/**
 * QR codes as data, drawn later with plain Views so the same code runs in the mini-program (no DOM, no
 * TextEncoder) and in H5. Only the pure core of `qrcode` is imported: its entry point pulls in canvas and
 * PNG renderers.
 */
export type QrMatrix = boolean[][];
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** A run of dark modules in one row: columns [start, start + length). */
export interface DarkRun {
  start: number;
  length: number;
}

/** UTF-8 bytes without TextEncoder, which WeChat's JS engine lacks. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return new Uint8Array(out);
}

/** The module matrix, row by row; `true` is dark. Digits use numeric mode, anything else byte mode. */
export function qrMatrix(text: string, errorCorrectionLevel: QrErrorCorrection = 'M'): QrMatrix {
  if (!text) throw new Error('QR text is empty');
  const data = /^\d+$/.test(text) ? text : [{ data: utf8Bytes(text), mode: 'byte' as const }];
  const { modules } = create(data, { errorCorrectionLevel });
  const rows: QrMatrix = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.data[r * modules.size + c] === 1);
    rows.push(row);
  }
  return rows;
}

/** Dark runs of one row: a 33-module row becomes about a dozen Views instead of 33. */
export function darkRuns(row: readonly boolean[]): DarkRun[] {
  const runs: DarkRun[] = [];
  let start = -1;
  for (let c = 0; c <= row.length; c++) {
    const dark = c < row.length && row[c];
    if (dark && start < 0) start = c;
    if (!dark && start >= 0) {
      runs.push({ start, length: c - start });
      start = -1;
    }
  }
  return runs;
}

export function matrixToRuns(matrix: QrMatrix): DarkRun[][] {
  return matrix.map(darkRuns);
}
