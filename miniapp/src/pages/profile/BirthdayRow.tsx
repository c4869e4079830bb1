import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { birthdayPerkTiers, birthdayRange } from '../../utils/profile';
import { formatDay, shanghaiDay } from '../../utils/time';
import type { useProfile } from './useProfile';

type P = ReturnType<typeof useProfile>;

/**
 * The birthday: before it is set, a date picker with what it is for (the birthday-month double, for the tiers that
 * have it) and that it is set once, then a confirmation; after, the date, locked, and who corrects it. WeChat shows
 * its own date picker (no code in the package); H5 gets Taro's.
 */
export function BirthdayRow({ p, onDone }: { p: P; onDone: (error: string | undefined) => void }) {
  const { t, lang } = useI18n();
  const profile = p.profile!;
  const perkTiers = p.rules ? birthdayPerkTiers(p.rules.tiers, lang) : null;

  if (!profile.birthdayEditable && profile.birthday) {
    return (
      <View id='birthday-row' className='profile-row profile-row--locked' data-locked='true'>
        <Text className='profile-row__label'>{t('profile.birthday')}</Text>
        <View className='profile-row__main'>
          <Text id='birthday-value' className='profile-row__value' data-birthday={profile.birthday}>
            {formatDay(profile.birthday, lang)}
          </Text>
          <Text id='birthday-locked' className='profile-row__hint'>
            {t('profile.birthdayLocked')}
          </Text>
        </View>
      </View>
    );
  }

  const range = birthdayRange(shanghaiDay(new Date().toISOString()));
  const confirm = async (day: string) => {
    if (!day) return;
    const { confirm: ok } = await Taro.showModal({
      title: t('profile.birthdayConfirmTitle'),
      content: t('profile.birthdayConfirm', { date: formatDay(day, lang) }),
      confirmText: t('profile.birthdayConfirmOk'),
      cancelText: t('profile.birthdayConfirmCancel'),
    }).catch(() => ({ confirm: false }));
    if (ok) onDone(await p.setBirthday(day));
  };

  return (
    <View className='profile-birthday'>
      <Picker
        mode='date'
        value={range.initial}
        start={range.start}
        end={range.end}
        disabled={p.settingBirthday}
        textProps={{ okText: t('profile.pickerOk'), cancelText: t('profile.pickerCancel') }}
        onChange={(e) => confirm(String(e.detail.value))}
      >
        <View id='birthday-row' className='profile-row profile-row--link' data-locked='false' {...{ role: 'button' }}>
          <Text className='profile-row__label'>{t('profile.birthday')}</Text>
          <Text id='birthday-value' className='profile-row__value profile-row__value--empty'>
            {p.settingBirthday ? t('common.loading') : t('profile.birthdayChoose')}
          </Text>
          <Text className='profile-row__chevron'>›</Text>
        </View>
      </Picker>
      <View id='birthday-note' className='profile-note'>
        <Text>{t('profile.birthdayOnce')}</Text>
        {perkTiers ? <Text id='birthday-perk'>{t('profile.birthdayPerk', { tiers: perkTiers })}</Text> : null}
      </View>
    </View>
  );
}
