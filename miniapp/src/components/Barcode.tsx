import { useMemo } from 'react';
import { View } from '@tarojs/components';
import { code128Pattern, patternToBars } from '../utils/barcode';
import './Barcode.scss';

interface BarcodeProps {
  id?: string;
  digits: string;
  /** Width of the narrowest bar in px. */
  moduleWidth?: number;
  height?: number;
}

/** Code 128 (set C) bars as Views; scanners need the light margins on both sides, so keep them. */
export function Barcode({ id, digits, moduleWidth = 2, height = 72 }: BarcodeProps) {
  const { bars, modules } = useMemo(() => {
    try {
      const pattern = code128Pattern(digits);
      return { bars: patternToBars(pattern), modules: pattern.length };
    } catch {
      return { bars: [], modules: 0 };
    }
  }, [digits]);
  let cursor = 0;
  return (
    <View
      id={id}
      className='barcode'
      style={{ height: `${height}px`, width: `${(modules + 20) * moduleWidth}px`, padding: `0 ${10 * moduleWidth}px` }}
      data-modules={modules}
    >
      {bars.map((bar) => {
        const gap = bar.start - cursor;
        cursor = bar.start + bar.width;
        return (
          <View
            key={bar.start}
            className='barcode__bar'
            style={{ marginLeft: `${gap * moduleWidth}px`, width: `${bar.width * moduleWidth}px` }}
          />
        );
      })}
    </View>
  );
}
