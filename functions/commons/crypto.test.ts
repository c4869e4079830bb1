import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { blindIndex, decryptField, DUMMY_PASSWORD_HASH, encryptField, hashPassword, randomSceneCode, verifyPassword } from './crypto';

const key = randomBytes(32);

describe('field encryption', () => {
  it('round-trips, and the same phone encrypts differently each time', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(decryptField(key, encryptField(key, text))).toBe(text);
      }),
    );
    expect(encryptField(key, '13812345678')).not.toBe(encryptField(key, '13812345678'));
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = encryptField(key, '13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptField(key, `v1:${raw.toString('base64')}`)).toThrow();
    expect(() => decryptField(randomBytes(32), sealed)).toThrow();
  });
});

describe('blind index', () => {
  it('is stable per key and purpose, and differs across keys and purposes', () => {
    expect(blindIndex(key, 'phone', '13812345678')).toBe(blindIndex(key, 'phone', '13812345678'));
    expect(blindIndex(key, 'phone', '13812345678')).not.toBe(blindIndex(key, 'otp', '13812345678'));
    expect(blindIndex(key, 'phone', '13812345678')).not.toBe(blindIndex(randomBytes(32), 'phone', '13812345678'));
  });
});

describe('staff passwords (scrypt)', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
  });
});

it('scene codes fit WeChat’s 32-character scene and avoid look-alike characters', () => {
  for (let i = 0; i < 200; i++) expect(randomSceneCode()).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
});
