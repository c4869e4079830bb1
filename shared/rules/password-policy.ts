/**
 * Staff password policy (等保三级, classified protection level 3): at least 10 characters, at least three of
 * the four character classes (lower case, upper case, digits, other), and not containing the username.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooFewClasses' | 'containsUsername';

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('tooShort');
  if (length > PASSWORD_MAX_LENGTH) problems.push('tooLong');
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push('tooFewClasses');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('containsUsername');
  return problems;
}

export const passwordProblemText: Record<PasswordProblem, { zh: string; en: string }> = {
  tooShort: { zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位`, en: `at least ${PASSWORD_MIN_LENGTH} characters` },
  tooLong: { zh: `密码最多 ${PASSWORD_MAX_LENGTH} 位`, en: `at most ${PASSWORD_MAX_LENGTH} characters` },
  tooFewClasses: { zh: '需包含小写字母、大写字母、数字、符号中的至少三类', en: 'at least three of: lower case, upper case, digits, symbols' },
  containsUsername: { zh: '密码不能包含用户名', en: 'must not contain the username' },
};
