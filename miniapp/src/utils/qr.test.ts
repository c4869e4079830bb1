import { darkRuns, matrixToRuns, qrMatrix, utf8Bytes } from './qr';

const finderAt = (m: boolean[][], top: number, left: number) => {
  for (let r = 0; r < 7; r++)
    for (let c = 0; c < 7; c++) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      if (m[top + r][left + c] !== (ring !== 2)) return false;
    }
  return true;
};

describe('qrMatrix', () => {
  it('encodes an 18-digit member code as a version 1 symbol (21×21) with three finder patterns', () => {
    const m = qrMatrix('681234567890123454');
    expect(m).toHaveLength(21);
    m.forEach((row) => expect(row).toHaveLength(21));
    expect(finderAt(m, 0, 0)).toBe(true);
    expect(finderAt(m, 0, 14)).toBe(true);
    expect(finderAt(m, 14, 0)).toBe(true);
  });

  it('encodes a join URL in byte mode without TextEncoder (the mini-program has none)', () => {
    const saved = (globalThis as { TextEncoder?: unknown }).TextEncoder;
    delete (globalThis as { TextEncoder?: unknown }).TextEncoder;
    try {
      const m = qrMatrix('http://127.0.0.1:5173/#/pages/join/index?scene=S7K2M9QX');
      expect(m.length).toBeGreaterThan(21);
      expect((m.length - 17) % 4).toBe(0);
    } finally {
      (globalThis as { TextEncoder?: unknown }).TextEncoder = saved;
    }
  });

  it('is deterministic', () => {
    expect(qrMatrix('https://example.com/a')).toEqual(qrMatrix('https://example.com/a'));
  });

  it('refuses empty text', () => {
    expect(() => qrMatrix('')).toThrow();
  });
});

describe('utf8Bytes', () => {
  it('matches TextEncoder for ASCII, CJK and astral characters', () => {
    for (const s of ['abc?x=1&y=2', '欢迎加入', '€', '😀 ok']) {
      expect(Array.from(utf8Bytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });
});

describe('darkRuns', () => {
  it('merges neighbouring dark modules', () => {
    expect(darkRuns([true, true, false, true, false, false, true])).toEqual([
      { start: 0, length: 2 },
      { start: 3, length: 1 },
      { start: 6, length: 1 },
    ]);
    expect(darkRuns([false, false])).toEqual([]);
    expect(darkRuns([])).toEqual([]);
  });

  it('reconstructs every row of a real symbol exactly', () => {
    const m = qrMatrix('http://127.0.0.1:5173/#/pages/join/index?scene=ABCD1234');
    matrixToRuns(m).forEach((runs, r) => {
      const row = new Array(m.length).fill(false);
      for (const run of runs) for (let c = run.start; c < run.start + run.length; c++) row[c] = true;
      expect(row).toEqual(m[r]);
    });
  });
});
