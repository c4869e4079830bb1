import { useState, type ReactNode } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { pages } from '../../utils/links';
import { confirmsDeletion, deletionWord, forfeitLines } from '../../utils/privacy';
import type { usePrivacyRights } from './usePrivacyRights';


type Rights = ReturnType<typeof usePrivacyRights>;

function Row({ id, title, hint, onClick, children }: { id: string; title: string; hint: string; onClick?: () => void; children?: ReactNode }) {
  return (
    <View id={id} className={`rights__row${onClick ? ' rights__row--link' : ''}`} onClick={onClick}>
      <View className='rights__text'>
        <Text className='rights__name'>{title}</Text>
        <Text className='rights__hint'>{hint}</Text>
      </View>
      {children ?? (onClick ? <Text className='rights__chevron'>›</Text> : null)}
    </View>
  );
}

/** The member's rights, each one tap away: export, correct, marketing consent, delete. */
export function MyRights({ rights }: { rights: Rights }) {
  const { t } = useI18n();
  const { consents, busy, error, preview } = rights;
  if (preview) return <DeleteConfirm rights={rights} />;
  return (
    <View id='my-rights' className='panel rights'>
      <Text className='doc__title'>{t('privacy.rights.title')}</Text>
      <Text className='rights__intro'>{t('privacy.rights.hint')}</Text>
      <Row id='rights-export' title={busy === 'export' ? t('privacy.rights.exporting') : t('privacy.rights.export')} hint={t('privacy.rights.exportHint')} onClick={busy ? undefined : rights.exportData} />
      <Row id='rights-profile' title={t('privacy.rights.profile')} hint={t('privacy.rights.profileHint')} onClick={() => Taro.navigateTo({ url: pages.profile })} />
      <Row id='rights-marketing' title={t('privacy.rights.marketing')} hint={t('privacy.rights.marketingHint')}>
        <Switch
          id='rights-marketing-switch'
          checked={consents?.marketing.granted ?? false}
          disabled={!consents || busy === 'marketing'}
          onChange={(e) => rights.setMarketing(e.detail.value)}
        />
      </Row>
      <Row id='rights-delete' title={t('privacy.rights.delete')} hint={t('privacy.rights.deleteHint')} onClick={busy ? undefined : rights.openDeletion} />
      {error ? <View className='error-text'>{error}</View> : null}
    </View>
  );
}

/** What deleting forfeits and what is kept, then the typed word and the confirmation. */
function DeleteConfirm({ rights }: { rights: Rights }) {
  const { t, lang } = useI18n();
  const [typed, setTyped] = useState('');
  const preview = rights.preview!;
  const blocked = preview.blockedBy.includes('stored-value');
  const word = deletionWord(lang);
  const ready = confirmsDeletion(typed) && rights.busy !== 'delete';
  return (
    <View id='delete-confirm' className='panel rights'>
      <Text className='doc__title'>{t('privacy.delete.title')}</Text>
      <Text className='rights__intro'>{t('privacy.delete.forfeitTitle')}</Text>
      <View id='delete-forfeits' className='rights__forfeits'>
        {forfeitLines(preview.forfeits).map((l) => (
          <Text key={l.key} className={`rights__forfeit rights__forfeit--${l.key}`} data-n={l.n}>
            {t(`privacy.delete.${l.key}`, { n: l.n })}
          </Text>
        ))}
      </View>
      <Text className='rights__kept'>{t('privacy.delete.kept', { years: preview.releasedIdentityRetentionYears })}</Text>
      {blocked ? (
        <View id='delete-blocked' className='error-text'>
          {t('privacy.delete.blockedStoredValue')}
        </View>
      ) : (
        <>
          <Field id='delete-word' label={t('privacy.delete.typeWord', { word })} value={typed} onChange={setTyped} placeholder={word} maxLength={10} />
          <Button
            id='delete-confirm-button'
            className='primary-button rights__danger'
            type='danger'
            size='large'
            block
            disabled={!ready}
            // Playwright and screen readers see the state: NutUI keeps `disabled` off the element itself.
            {...{ role: 'button', 'aria-disabled': ready ? 'false' : 'true' }}
            loading={rights.busy === 'delete'}
            onClick={rights.deleteMembership}
          >
            {rights.busy === 'delete' ? t('privacy.delete.deleting') : t('privacy.delete.confirm')}
          </Button>
        </>
      )}
      {rights.error ? <View className='error-text'>{rights.error}</View> : null}
      <Text id='delete-cancel' className='link rights__cancel' onClick={rights.closeDeletion}>
        {t('privacy.delete.cancel')}
      </Text>
    </View>
  );
}
