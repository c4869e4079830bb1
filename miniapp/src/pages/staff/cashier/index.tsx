import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Field } from '../../../components/Field';
import { QrCode } from '../../../components/QrCode';
import { useI18n } from '../../../i18n';
import { usePageTitle } from '../../../services/page-title';
import { isWeapp } from '../../../services/runtime';
import { formatPoints, formatYuan } from '../../../utils/format';
import { discountLabel } from '../../../utils/points';
import { StaffHeader, signOutStaff } from '../common';
import { QuoteResult } from './QuoteResult';
import { CouponPanel } from './CouponPanel';
import { useIdentify, useJoinCode, useQuote } from './useCashier';
import '../staff.scss';
import './index.scss';

export default function CashierPage() {
  const { t, pick, lang } = useI18n();
  usePageTitle('cashier.title');
  const j = useJoinCode();
  const id = useIdentify();
  const member = id.result?.member;
  const q = useQuote(member, id.presented);
  const benefits = q.benefits;

  return (
    <View className='page staff-page cashier-page'>
      <StaffHeader badge='POS'>
        <Text id='cashier-store' className='staff-page__title'>
          {j.joinCode?.store.name ?? j.register?.storeId ?? t('cashier.title')}
        </Text>
        <Text id='cashier-register' className='staff-page__sub'>
          {t('cashier.register')} {j.register?.registerId ?? '—'}
          {j.profile ? ` · ${j.profile.displayName}` : ''}
        </Text>
      </StaffHeader>

      <View className='page__body staff-page__body'>
        <View className='panel cashier-page__join'>
          <Text className='panel__title'>{t('cashier.joinSection')}</Text>
          <Text className='panel__hint'>{t('cashier.joinHint')}</Text>
          {j.joinUrl ? (
            <View className='cashier-page__qr'>
              <QrCode id='join-qr' text={j.joinUrl} size={220} />
              <Text id='join-link' className='cashier-page__link' userSelect>
                {j.joinUrl}
              </Text>
            </View>
          ) : null}
          {j.error ? (
            <View id='join-code-error' className='error-text'>
              {j.error}
            </View>
          ) : null}
        </View>

        <View className='panel'>
          <Text className='panel__title'>{t('cashier.identifySection')}</Text>
          <Field
            id='identify-input'
            label={t('cashier.identifyPlaceholder')}
            type='number'
            maxLength={24}
            value={id.input}
            onChange={id.setInput}
            placeholder='68xx xxxx xxxx xxxx xx'
            onConfirm={() => id.identify()}
          />
          <View className='cashier-page__actions'>
            {isWeapp ? (
              <Button id='scan-button' size='large' className='cashier-page__scan' onClick={() => id.scan()}>
                {t('cashier.scan')}
              </Button>
            ) : null}
            <Button
              id='identify-button'
              type='primary'
              size='large'
              className='cashier-page__identify'
              loading={id.busy}
              onClick={() => id.identify()}
            >
              {t('cashier.identify')}
            </Button>
          </View>
          {id.error ? (
            <View id='identify-error' className='error-text'>
              {id.error}
            </View>
          ) : null}
          {member ? (
            <View id='identified-member' className='identified'>
              <View className='identified__head'>
                <Text id='identified-member-no' className='identified__no'>
                  {member.memberId}
                </Text>
                <Text id='identified-tier' className='identified__tier'>
                  {pick(member.tier.name)}
                </Text>
              </View>
              <View className='kv'>
                <Text className='kv__k'>{t('cashier.phone')}</Text>
                <Text id='identified-phone' className='kv__v'>
                  {member.phoneMasked ?? '—'}
                </Text>
              </View>
              <View className='kv'>
                <Text className='kv__k'>{t('cashier.points')}</Text>
                <Text id='identified-points' className='kv__v'>
                  {formatPoints(member.points.available)}
                </Text>
              </View>
              <View className='kv'>
                <Text className='kv__k'>{t('cashier.storedValue')}</Text>
                <Text id='identified-stored-value' className='kv__v'>
                  ¥{formatYuan(member.storedValueFen)}
                </Text>
              </View>
              <View className='kv'>
                <Text className='kv__k'>{t('cashier.coupons')}</Text>
                <Text className='kv__v'>{member.usableCoupons}</Text>
              </View>
              {benefits ? (
                <View id='identified-benefits' className='benefits'>
                  <Text className='benefits__title'>{t('cashier.benefits')}</Text>
                  <View className='benefits__row'>
                    <View className='benefits__item'>
                      <Text id='benefit-discount' className='benefits__value'>
                        {discountLabel(benefits.discountBasisPoints, lang) ?? t('cashier.noDiscount')}
                      </Text>
                      <Text className='benefits__label'>{t('cashier.discount')}</Text>
                    </View>
                    <View className='benefits__item'>
                      <Text id='benefit-points-rate' className='benefits__value'>
                        {t('cashier.pointsRateValue', { n: benefits.pointsPerYuan })}
                      </Text>
                      <Text className='benefits__label'>{t('cashier.pointsRate')}</Text>
                    </View>
                    <View className='benefits__item'>
                      <Text id='benefit-birthday' className='benefits__value'>
                        {benefits.birthdayDoublePoints ? t('cashier.yes') : t('cashier.no')}
                      </Text>
                      <Text className='benefits__label'>{t('cashier.birthdayDouble')}</Text>
                    </View>
                  </View>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>

        {member ? (
          <View id='quote-panel' className='panel quote'>
            <Text className='panel__title'>{t('cashier.quoteSection')}</Text>
            <Text className='panel__hint'>{t('cashier.quoteHint')}</Text>
            <Field
              id='quote-amount'
              label={t('cashier.quoteAmount')}
              type='digit'
              maxLength={12}
              value={q.amount}
              onChange={q.setAmount}
              placeholder='0.00'
              onConfirm={() => q.run()}
            />
            <Button id='quote-button' type='primary' size='large' block className='primary-button' loading={q.busy} onClick={() => q.run()}>
              {t('cashier.quoteButton')}
            </Button>
            {q.error ? (
              <View id='quote-error' className='error-text'>
                {q.error}
              </View>
            ) : null}
            {q.quote && q.note ? <QuoteResult quote={q.quote} note={q.note} /> : null}
            {q.quote ? (
              <CouponPanel
                quote={q.quote}
                busy={q.busy}
                onToggle={q.toggleCoupon}
                codeInput={q.codeInput}
                onCodeInput={q.setCodeInput}
                onAddCode={() => q.addCouponCode()}
                onScanCode={() => q.scanCoupon()}
                codes={q.couponCodes.length}
              />
            ) : null}
            {q.quote && q.quote.afterCouponsFen > 0 ? (
              <Button id='checkout-button' type='primary' size='large' block className='primary-button' loading={q.busy} onClick={() => q.checkout()}>
                {t('cashier.checkout', { amount: formatYuan(q.quote.afterCouponsFen) })}
              </Button>
            ) : null}
            {q.sold ? (
              <View id='checkout-done' className='cashier-page__done' data-receipt={q.sold.receiptNo}>
                {t('cashier.checkoutDone', { receipt: q.sold.receiptNo, amount: formatYuan(q.sold.coupons?.discountFen ?? 0) })}
              </View>
            ) : null}
          </View>
        ) : null}

        <View className='footer-links'>
          <Text id='staff-sign-out' className='muted' onClick={signOutStaff}>
            {t('common.signOut')}
          </Text>
        </View>
      </View>
    </View>
  );
}
