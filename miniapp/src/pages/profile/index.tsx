import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { DevBanner } from '../../components/DevBanner';
import { Field } from '../../components/Field';
import { LangToggle } from '../../components/LangToggle';
import { RetryPanel } from '../../components/RetryPanel';
import { RowsSkeleton } from '../../components/RowsSkeleton';
import { PageToast, showToast } from '../../components/Toast';
import { useI18n, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { pages } from '../../utils/links';
import { genders, nicknameProblem, provinceIndex, provinces, regionLabel } from '../../utils/profile';
import { BirthdayRow } from './BirthdayRow';
import { useProfile } from './useProfile';
import './index.scss';

const TOAST = 'toast-profile';
const nicknameKeys: Record<'empty' | 'long' | 'control', MessageKey> = { empty: 'profile.nicknameEmpty', long: 'profile.nicknameLong', control: 'profile.nicknameControl' };

export default function ProfilePage() {
  const { t, lang } = useI18n();
  usePageTitle('profile.title');
  const p = useProfile();
  const { profile, draft, setDraft } = p;
  // An emptied nickname is allowed (it removes it); one that is only spaces or too long is not.
  const nicknameIssue = draft.nickname === '' ? null : nicknameProblem(draft.nickname);
  const canSave = Boolean(p.changes) && !nicknameIssue && !p.saving;
  const regionAt = provinceIndex(draft.region);

  const save = async () => {
    if (!canSave) return;
    const error = await p.save();
    showToast(TOAST, error ?? t('profile.saved'), error ? 'fail' : 'success');
  };
  const birthdayDone = (error: string | undefined) => showToast(TOAST, error ?? t('profile.birthdaySaved'), error ? 'fail' : 'success');

  return (
    <View id='profile-page' className='page profile-page'>
      <DevBanner />
      <View className='topbar'>
        <Text className='profile-page__heading'>{t('profile.title')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        {!profile && p.loadError ? <RetryPanel id='profile-error' retryId='profile-retry' message={p.loadError} onRetry={p.reload} /> : null}
        {!profile && !p.loadError ? <RowsSkeleton id='profile-loading' panels={2} rows={3} /> : null}

        {profile ? (
          <>
            <View className='panel profile-form'>
              <Field
                id='profile-nickname'
                label={t('profile.nickname')}
                value={draft.nickname}
                placeholder={t('profile.nicknamePlaceholder')}
                maxLength={40}
                onChange={(v) => setDraft((d) => ({ ...d, nickname: v }))}
              />
              {nicknameIssue ? (
                <View id='nickname-error' className='profile-field-error'>
                  {t(nicknameKeys[nicknameIssue])}
                </View>
              ) : null}

              <View className='profile-row profile-row--stacked'>
                <Text className='profile-row__label'>{t('profile.gender')}</Text>
                <View className='profile-choices' {...{ role: 'radiogroup' }}>
                  {genders.map((g) => (
                    <View
                      key={g}
                      id={`gender-${g}`}
                      className={`profile-choice${draft.gender === g ? ' profile-choice--on' : ''}`}
                      onClick={() => setDraft((d) => ({ ...d, gender: d.gender === g ? null : g }))}
                      {...{ role: 'radio', 'aria-checked': draft.gender === g ? 'true' : 'false' }}
                    >
                      <Text>{t(`profile.gender.${g}` as MessageKey)}</Text>
                    </View>
                  ))}
                </View>
              </View>

              <Picker
                mode='selector'
                range={provinces.map((x) => x[lang])}
                value={regionAt < 0 ? 0 : regionAt}
                textProps={{ okText: t('profile.pickerOk'), cancelText: t('profile.pickerCancel') }}
                onChange={(e) => {
                  const i = Number(e.detail.value);
                  if (provinces[i]) setDraft((d) => ({ ...d, region: provinces[i].zh }));
                }}
              >
                <View id='region-row' className='profile-row profile-row--link' {...{ role: 'button' }}>
                  <Text className='profile-row__label'>{t('profile.region')}</Text>
                  <Text id='region-value' className={`profile-row__value${draft.region ? '' : ' profile-row__value--empty'}`} data-region={draft.region ?? ''}>
                    {draft.region ? regionLabel(draft.region, lang) : t('profile.regionChoose')}
                  </Text>
                  <Text className='profile-row__chevron'>›</Text>
                </View>
              </Picker>

              <Button
                id='profile-save'
                className='primary-button'
                type='primary'
                size='large'
                block
                disabled={!canSave}
                loading={p.saving}
                {...{ role: 'button', 'aria-disabled': canSave ? 'false' : 'true' }}
                onClick={save}
              >
                {t('profile.save')}
              </Button>
            </View>

            <View className='panel profile-form'>
              <BirthdayRow p={p} onDone={birthdayDone} />
            </View>

            <View className='profile-privacy'>
              <Text>{t('profile.privacyNote')}</Text>
              <Text id='profile-privacy-link' className='link' onClick={() => Taro.navigateTo({ url: pages.privacy })}>
                {t('join.privacyLink')}
              </Text>
            </View>
          </>
        ) : null}
      </View>
      <PageToast id={TOAST} />
    </View>
  );
}
