import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { matrixToRuns, qrMatrix, type QrErrorCorrection } from '../utils/qr';
import './QrCode.scss';

interface QrCodeProps {
  id?: string;
  text: string;
  /** Edge length in px, quiet zone included; modules snap to whole pixels so edges stay sharp. */
  size?: number;
  level?: QrErrorCorrection;
}

const QUIET_MODULES = 2;

/** A QR code drawn with Views (dark runs per row): no canvas, no DOM APIs, same in weapp and H5. */
export function QrCode({ id, text, size = 200, level = 'M' }: QrCodeProps) {
  const runs = useMemo(() => {
    try {
      return matrixToRuns(qrMatrix(text, level));
    } catch {
      return [];
    }
  }, [text, level]);
  const modules = runs.length;
  const modulePx = Math.max(1, Math.floor(size / (modules + QUIET_MODULES * 2)));
  const inner = modulePx * modules;
  const pad = Math.floor((size - inner) / 2);
  return (
    <View
      id={id}
      className='qr'
      style={{ width: `${size}px`, height: `${size}px`, padding: `${pad}px` }}
      data-modules={modules}
      aria-label={text}
    >
      {runs.map((row, r) => {
        let cursor = 0;
        return (
          <View key={r} className='qr__row' style={{ height: `${modulePx}px`, width: `${inner}px` }}>
            {row.map((run) => {
              const gap = run.start - cursor;
              cursor = run.start + run.length;
              return (
                <View
                  key={run.start}
                  className='qr__run'
                  style={{ marginLeft: `${gap * modulePx}px`, width: `${run.length * modulePx}px` }}
                />
              );
            })}
          </View>
        );
      })}
    </View>
  );
}
