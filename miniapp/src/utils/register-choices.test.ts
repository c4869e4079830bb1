import { ApiError } from '@shared/api-client';
import { registerChoicesOf } from './register-choices';

describe('registerChoicesOf', () => {
  it('lists the registers of a REGISTER_REQUIRED answer, skipping malformed entries', () => {
    const err = new ApiError(400, 'REGISTER_REQUIRED', 'choose a register', {
      registers: [{ registerId: 'R01', name: '1号收银台' }, { registerId: 7 }, null, { registerId: 'R02', name: '2号收银台' }],
    });
    expect(registerChoicesOf(err)).toEqual([
      { registerId: 'R01', name: '1号收银台' },
      { registerId: 'R02', name: '2号收银台' },
    ]);
  });
  it('is empty when the details are missing, undefined for other errors', () => {
    expect(registerChoicesOf(new ApiError(400, 'REGISTER_REQUIRED', 'x'))).toEqual([]);
    expect(registerChoicesOf(new ApiError(401, 'BAD_CREDENTIALS', 'x'))).toBeUndefined();
    expect(registerChoicesOf(new Error('x'))).toBeUndefined();
  });
});
