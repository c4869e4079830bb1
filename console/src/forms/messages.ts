import type { Messages } from '../shell/i18n';
import type { ExactNumberProblem } from './exact-number';

export const formMessages: Messages<ExactNumberProblem | 'min' | 'max'> = {
  zh: {
    empty: '请输入数值',
    notWhole: '只能输入整数，不能有小数',
    notNumber: '请输入半角数字（不含逗号、空格或单位）',
    tooManyDecimals: '金额最多两位小数',
    negative: '不能为负数',
    zero: '不能为 0',
    tooSmall: '不能小于 {min}',
    tooLarge: '不能大于 {max}',
    min: '{min}',
    max: '{max}',
  },
  en: {
    empty: 'Enter a number',
    notWhole: 'Whole numbers only, no decimals',
    notNumber: 'Digits only (no commas, spaces or units)',
    tooManyDecimals: 'At most two decimals',
    negative: 'Must not be negative',
    zero: 'Must not be 0',
    tooSmall: 'Must be at least {min}',
    tooLarge: 'Must be at most {max}',
    min: '{min}',
    max: '{max}',
  },
};
