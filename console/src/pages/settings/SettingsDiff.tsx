import { Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { ChainSettings } from '../../../../shared/settings';
import type { SettingsChange } from '../../../../shared/rules/settings-preview';
import { formatFen } from '../../forms/exact-number';
import { pick, useLang, useT, type Lang, type Translate } from '../../shell/i18n';
import { settingsMessages } from './messages';

type T = Translate<keyof (typeof settingsMessages)['zh']>;

const tierField: Record<string, Parameters<T>[0]> = {
  thresholdFen: 'tier.thresholdYuan',
  discountBasisPoints: 'tier.discount',
  pointsPerYuan: 'tier.pointsPerYuan',
  birthdayDoublePoints: 'tier.birthday',
  needsApproval: 'tier.approval',
};
const pointsField: Record<string, Parameters<T>[0]> = {
  pointsPerYuanDeduction: 'points.pointsPerYuanDeduction',
  deductionMinOrderFen: 'points.deductionMinOrderYuan',
  deductionMaxShareBasisPoints: 'points.deductionMaxShare',
  signInDaily: 'points.signInDaily',
  welcomePoints: 'points.welcomePoints',
  reviewWithPhoto: 'points.reviewWithPhoto',
  inviteFriend: 'points.inviteFriend',
  returnWindowDays: 'points.returnWindowDays',
  expiryReminderDays: 'points.expiryReminderDays',
  serviceCompensationCap: 'points.serviceCompensationCap',
  serviceDailyCap: 'points.serviceDailyCap',
  dailyBonusCap: 'points.dailyBonusCap',
  excludedCategories: 'points.excludedCategories',
  signInCycle: 'points.signInCycle',
};
const holidayField: Record<string, Parameters<T>[0]> = {
  from: 'holiday.from',
  to: 'holiday.to',
  multiplierPercent: 'holiday.multiplier',
  flatBonus: 'holiday.flatBonus',
  flatBonusMinFen: 'holiday.flatBonusMin',
};

const couponsField: Record<string, Parameters<T>[0]> = {
  newMemberPackId: 'coupons.newMemberPack',
  compensationCapFen: 'coupons.compensationCap',
  restoreOnWholeReturn: 'coupons.restoreOnWholeReturn',
  expiryReminderDays: 'coupons.expiryReminderDays',
};

/** A change's path in words: 等级 › 银卡会员 › 升级门槛. */
export function changeLabel(path: Array<string | number>, t: T, lang: Lang, before: ChainSettings, after: ChainSettings): string {
  const [head, a, b, c] = path;
  const nameOf = (sub: unknown, zhKey: Parameters<T>[0], enKey: Parameters<T>[0]) => t(sub === 'en' ? enKey : zhKey);
  const parts: string[] = [];
  if (head === 'chainName') parts.push(nameOf(a, 'chainNameZh', 'chainNameEn'));
  else if (head === 'consent') parts.push(t('tab.consent'), a === 'privacyPolicyVersion' ? t('consent.privacy') : t('consent.terms'));
  else if (head === 'tiers') {
    const tier = [...after.tiers, ...before.tiers].find((x) => x.code === a);
    parts.push(t('tab.tiers'), tier ? `${pick(tier.name, lang)} (${String(a)})` : String(a));
    if (b === 'name') parts.push(nameOf(c, 'tier.nameZh', 'tier.nameEn'));
    else if (typeof b === 'string') parts.push(tierField[b] ? t(tierField[b]) : b);
  } else if (head === 'points' && a === 'holidays') {
    parts.push(t('tab.holidays'), t('holiday.n', { n: Number(b) + 1 }));
    if (c === 'name') parts.push(nameOf(path[4], 'holiday.nameZh', 'holiday.nameEn'));
    else if (typeof c === 'string') parts.push(holidayField[c] ? t(holidayField[c]) : c);
  } else if (head === 'points' && typeof a === 'string') parts.push(pointsField[a] ? t(pointsField[a]) : a);
  else if (head === 'lifecycle') parts.push(a === 'sleepingAfterDays' ? t('lifecycle.sleeping') : t('lifecycle.churned'));
  else if (head === 'lateSaleMaxDays') parts.push(t('lateSaleMaxDays'));
  else if (head === 'coupons' && typeof a === 'string' && couponsField[a]) parts.push(t('tab.coupons'), t(couponsField[a]));
  else parts.push(path.join('.'));
  return parts.join(' › ');
}

/** A value the way the form shows it: money in yuan, basis points with their percent, yes/no. */
export function changeValue(path: Array<string | number>, value: unknown, t: T, lang: Lang): string {
  if (value === undefined || value === null) return t('sample.none');
  const leaf = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'number') {
    if (leaf?.endsWith('Fen')) return `¥${formatFen(value)}`;
    if (leaf?.endsWith('BasisPoints')) return `${value} (${value / 100}%)`;
    return value.toLocaleString('en-US');
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : t('sample.none');
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if ('code' in o && 'name' in o) return `${pick(o.name as { zh: string; en: string }, lang)} (${String(o.code)}): ¥${formatFen(Number(o.thresholdFen))}, ${o.discountBasisPoints} bp, ${o.pointsPerYuan}/¥`;
    if ('from' in o && 'to' in o) return `${pick(o.name as { zh: string; en: string }, lang)} ${String(o.from)} – ${String(o.to)}, ×${Number(o.multiplierPercent) / 100}, +${String(o.flatBonus)}`;
    return JSON.stringify(value);
  }
  return String(value);
}

export function SettingsDiff({ changes, before, after }: { changes: SettingsChange[]; before: ChainSettings; after: ChainSettings }) {
  const t = useT(settingsMessages);
  const lang = useLang();
  return (
    <Table<SettingsChange>
      data-testid="settings-diff"
      size="small"
      pagination={false}
      rowKey={(c) => c.path.join('.')}
      dataSource={changes}
      onRow={(c) => ({ 'data-testid': 'settings-diff-row', 'data-path': c.path.join('.') }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'what', title: t('diffWhat'), render: (_, c) => changeLabel(c.path, t, lang, before, after) },
        {
          key: 'before',
          title: t('diffBefore'),
          render: (_, c) => (
            <Typography.Text delete={c.after !== undefined && c.before !== undefined} type="secondary">
              {changeValue(c.path, c.before, t, lang)}
              {c.before === undefined && ` ${t('added')}`}
            </Typography.Text>
          ),
        },
        {
          key: 'after',
          title: t('diffAfter'),
          render: (_, c) => (
            <Typography.Text strong>
              {changeValue(c.path, c.after, t, lang)}
              {c.after === undefined && ` ${t('removed')}`}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
