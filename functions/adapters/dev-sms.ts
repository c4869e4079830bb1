import { maskPhone } from '../../shared/rules/phone';

/**
 * The dev provider for one-time codes: instead of sending an SMS it prints the code in the server log, and
 * lets tests read the last code sent to a phone. Used only when DEV_SIGN_IN=1 (npm start, tests).
 */
const lastCodes = new Map<string, string>();

export function sendDevOtp(phone: string, code: string, ttlSeconds: number): void {
  lastCodes.set(phone, code);
  if (process.env.DEV_SMS_SILENT !== '1') {
    console.log(`[dev sign-in] one-time code for ${maskPhone(phone)} (${phone}): ${code}  (valid ${Math.round(ttlSeconds / 60)} min, works once)`);
  }
}

export function lastDevOtp(phone: string): string | undefined {
  return lastCodes.get(phone);
}
