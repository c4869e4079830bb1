import fc from 'fast-check';
import { characterClasses, passwordProblems } from './password-policy';

describe('staff password policy', () => {
  it.each([
    ['Fresh-Neighbour-26', 'ops.hz', []],
    ['fresh-neighbour-26', 'ops.hz', []],
    ['freshneighbour26', 'ops.hz', ['tooFewClasses']],
    ['Short-1a', 'ops.hz', ['tooShort']],
    ['aaaaaaaaaaaa', 'ops.hz', ['tooFewClasses']],
    ['my-OPS.HZ-pass1', 'ops.hz', ['containsUsername']],
    ['x'.repeat(201), 'ops', ['tooLong', 'tooFewClasses']],
  ])('%s for %s: %j', (password, username, problems) => {
    expect(passwordProblems(password, username)).toEqual(problems);
  });

  it('counts lower, upper, digits and others', () => {
    expect(characterClasses('aB3-')).toBe(4);
    expect(characterClasses('密码密码')).toBe(1);
    expect(characterClasses('')).toBe(0);
  });

  it('whatever it accepts has ≥ 10 characters, ≥ 3 classes and not the username (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.stringMatching(/^[a-z0-9._-]{3,8}$/), (password, username) => {
        if (passwordProblems(password, username).length === 0) {
          expect([...password].length).toBeGreaterThanOrEqual(10);
          expect(characterClasses(password)).toBeGreaterThanOrEqual(3);
          expect(password.toLowerCase()).not.toContain(username);
        }
      }),
    );
  });
});
