/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** weapp | h5, set by the Taro CLI. */
    TARO_ENV: 'weapp' | 'h5' | string;
    /** API base URL baked in at build time (weapp; H5's fallback). */
    TARO_APP_API_BASE_URL: string;
    /** Public H5 origin the scan-to-join link points at (used by the weapp build). */
    TARO_APP_PUBLIC_URL: string;
    /** The staff console's address, shown on the staff home (weapp; H5's fallback). Empty: none shown. */
    TARO_APP_CONSOLE_URL: string;
  }
}

/** Written by the static server's /config.js before the app script runs (H5 only). */
interface MembershipRuntimeConfig {
  apiBaseUrl?: string;
  devMode?: boolean;
  /** The staff console's address (set when a console is served beside the app). */
  consoleUrl?: string;
}
interface Window {
  __MEMBERSHIP_CONFIG__?: MembershipRuntimeConfig;
}

declare module 'jsbarcode/bin/barcodes/CODE128/CODE128C' {
  /** Code 128 set C: pairs of digits. `encode().data` is the module pattern, '1' = bar, '0' = space. */
  export default class CODE128C {
    constructor(data: string, options: Record<string, unknown>);
    valid(): boolean;
    encode(): { text: string; data: string };
  }
}

declare module 'qrcode/lib/core/qrcode' {
  export interface QRSegment {
    data: string | Uint8Array;
    mode?: 'numeric' | 'alphanumeric' | 'byte' | 'kanji';
  }
  export interface QRCodeSymbol {
    modules: { size: number; data: Uint8Array; get(row: number, col: number): number };
    version: number;
  }
  export function create(
    data: string | QRSegment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): QRCodeSymbol;
}
