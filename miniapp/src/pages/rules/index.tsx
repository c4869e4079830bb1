import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { DevBanner } from '../../components/DevBanner';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { formatPoints, formatYuan } from '../../utils/format';
import { categoryLabel, cycleRuns, discountLabel, multiplierLabel, trimDecimal } from '../../utils/points';
import { formatDay } from '../../utils/time';
import { useRules } from './useRules';
import './index.scss';
import { RetryPanel } from '../../components/RetryPanel';
import { SkeletonPanels } from '../../components/Skeleton';

const yuan = (fen: number) => formatYuan(fen).replace(/\.00$/, '');

function Section({ id, glyph, title, children }: { id: string; glyph: string; title: string; children: ReactNode }) {
  return (
    <View id={id} className='panel rules-section'>
      <View className='rules-section__head'>
        <Text className='rules-section__glyph'>{glyph}</Text>
        <Text className='panel__title rules-section__title'>{title}</Text>
      </View>
      {children}
    </View>
  );
}

function Bullet({ children }: { children: ReactNode }) {
  return (
    <View className='rules-bullet'>
      <Text className='rules-bullet__dot'>•</Text>
      <Text className='rules-bullet__text'>{children}</Text>
    </View>
  );
}

export default function RulesPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle('rules.title');
  const { rules, error, reload } = useRules();
  const p = rules?.points;

  return (
    <View id='rules-page' className='page rules-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='rules-page__heading'>{t('rules.title')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        {error && !rules ? (
          <RetryPanel id='rules-error' message={error} onRetry={reload} />
        ) : null}
        {!rules && !error ? <SkeletonPanels id='rules-skeleton' panels={3} rows={3} /> : null}

        {rules && p ? (
          <>
            <Section id='rules-earn' glyph='积' title={t('rules.earn')}>
              <Text className='panel__hint'>{t('rules.earnHint')}</Text>
              <View className='rules-table'>
                <View className='rules-table__row rules-table__row--head'>
                  <Text className='rules-table__cell rules-table__cell--tier'>{t('rules.col.tier')}</Text>
                  <Text className='rules-table__cell rules-table__cell--wide'>{t('rules.col.threshold')}</Text>
                  <Text className='rules-table__cell'>{t('rules.col.rate')}</Text>
                  <Text className='rules-table__cell'>{t('rules.col.discount')}</Text>
                  <Text className='rules-table__cell'>{t('rules.col.birthday')}</Text>
                </View>
                {rules.tiers.map((tier) => (
                  <View key={tier.code} className='rules-table__row' data-tier={tier.code}>
                    <Text className='rules-table__cell rules-table__cell--tier'>{pick(tier.name)}</Text>
                    <Text className='rules-table__cell rules-table__cell--wide'>
                      {tier.thresholdFen > 0 ? `¥${yuan(tier.thresholdFen)}` : t('tier.thresholdNone')}
                      {tier.needsApproval ? '*' : ''}
                    </Text>
                    <Text className='rules-table__cell rules-table__cell--strong'>{tier.pointsPerYuan}</Text>
                    <Text className='rules-table__cell'>{discountLabel(tier.discountBasisPoints, lang) ?? '—'}</Text>
                    <Text className='rules-table__cell'>{tier.birthdayDoublePoints ? t('rules.double') : '—'}</Text>
                  </View>
                ))}
              </View>
              {rules.tiers.some((tier) => tier.needsApproval) ? <Text className='rules-footnote'>{t('rules.approvalNote')}</Text> : null}
            </Section>

            <Section id='rules-sign-in' glyph='签' title={t('rules.signIn')}>
              <View className='rules-cycle'>
                {p.signInCycle.map((n, i) => (
                  <View key={i} className={`rules-cycle__day${n > p.signInCycle[0] ? ' rules-cycle__day--bonus' : ''}`}>
                    <Text className='rules-cycle__points'>+{n}</Text>
                    <Text className='rules-cycle__label'>{t('points.signInDay', { n: i + 1 })}</Text>
                  </View>
                ))}
              </View>
              {cycleRuns(p.signInCycle).map((run) => (
                <Bullet key={run.from}>
                  {run.from === run.to
                    ? t('rules.signInDay', { from: run.from, n: run.points })
                    : t('rules.signInRun', { from: run.from, to: run.to, n: run.points })}
                </Bullet>
              ))}
              <Text className='panel__hint rules-note'>{t('rules.signInHint', { len: p.signInCycle.length })}</Text>
            </Section>

            <Section id='rules-more' glyph='赞' title={t('rules.more')}>
              <View className='rules-kv'>
                <Text className='rules-kv__k'>{t('rules.review')}</Text>
                <Text className='rules-kv__v'>{t('rules.pointsPlus', { n: p.reviewWithPhoto })}</Text>
              </View>
              <View className='rules-kv'>
                <Text className='rules-kv__k'>{t('rules.invite')}</Text>
                <Text className='rules-kv__v'>{t('rules.pointsPlus', { n: p.inviteFriend })}</Text>
              </View>
            </Section>

            <Section id='rules-deduct' glyph='¥' title={t('rules.deduct')}>
              <Bullet>{t('rules.deductRate', { n: p.pointsPerYuanDeduction })}</Bullet>
              <Bullet>{t('rules.deductMin', { amount: yuan(p.deductionMinOrderFen) })}</Bullet>
              <Bullet>{t('rules.deductMax', { pct: trimDecimal(p.deductionMaxShareBasisPoints, 2) })}</Bullet>
              <Bullet>{t('rules.deductCombine')}</Bullet>
            </Section>

            <Section id='rules-pending' glyph='待' title={t('rules.pending')}>
              <Bullet>{t('rules.pendingText', { n: p.returnWindowDays })}</Bullet>
              <Bullet>{t('rules.returnText')}</Bullet>
            </Section>

            <Section id='rules-expiry' glyph='期' title={t('rules.expiry')}>
              {/* The server's rule text (it already names the reminder and the earliest-first order). */}
              <Text className='rules-text'>{pick(rules.expiryRule)}</Text>
            </Section>

            <Section id='rules-excluded' glyph='外' title={t('rules.excluded')}>
              {p.excludedCategories.length > 0 ? (
                <>
                  <Text className='panel__hint'>{t('rules.excludedHint')}</Text>
                  <View className='rules-chips'>
                    {p.excludedCategories.map((c) => (
                      <Text key={c} className='rules-chip'>
                        {categoryLabel(c, lang)}
                      </Text>
                    ))}
                  </View>
                </>
              ) : (
                <Text className='panel__hint'>{t('rules.excludedNone')}</Text>
              )}
            </Section>

            <Section id='rules-holidays' glyph='节' title={t('rules.holidays')}>
              {p.holidays.length > 0 ? (
                p.holidays.map((h) => {
                  const multiplier = multiplierLabel(h.multiplierPercent, lang);
                  return (
                    <View key={`${h.from}-${pick(h.name)}`} className='rules-holiday'>
                      <View className='rules-holiday__head'>
                        <Text className='rules-holiday__name'>{pick(h.name)}</Text>
                        <Text className='rules-holiday__dates'>
                          {formatDay(h.from, lang)} – {formatDay(h.to, lang)}
                        </Text>
                      </View>
                      <View className='rules-chips'>
                        {multiplier ? <Text className='rules-chip rules-chip--gold'>{multiplier}</Text> : null}
                        {h.flatBonus > 0 ? (
                          <Text className='rules-chip rules-chip--gold'>{t('rules.holidayFlat', { n: formatPoints(h.flatBonus) })}</Text>
                        ) : null}
                      </View>
                    </View>
                  );
                })
              ) : (
                <Text className='panel__hint'>{t('rules.holidaysNone')}</Text>
              )}
            </Section>

            <View id='rules-notice' className='rules-notice'>
              {t('rules.notice')}
            </View>
          </>
        ) : null}
      </View>
    </View>
  );
}
