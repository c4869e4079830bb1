import { Text, View } from '@tarojs/components';
import { defaultChainSettings } from '@shared/settings-defaults';
import { LangToggle } from '../../components/LangToggle';
import { useI18n } from '../../i18n';
import { usePageTitle } from '../../services/page-title';
import { usePublicInfo } from '../../services/public-info';
import { privacySummary, type Section } from './content';
import { MyRights } from './MyRights';
import { usePrivacyRights } from './usePrivacyRights';
import './index.scss';

function Sections({ sections }: { sections: Section[] }) {
  return (
    <>
      {sections.map((s) => (
        <View key={s.heading} className='doc__section'>
          <Text className='doc__heading'>{s.heading}</Text>
          {s.items.map((item) => (
            <View key={item} className='doc__item'>
              <Text className='doc__bullet'>•</Text>
              <Text className='doc__text'>{item}</Text>
            </View>
          ))}
        </View>
      ))}
    </>
  );
}

export default function PrivacyPage() {
  const { t, lang, pick } = useI18n();
  usePageTitle('privacy.title');
  const { info } = usePublicInfo();
  // The versions the server asks shoppers to accept; the bundled defaults until it answers.
  const consent = info?.consent ?? defaultChainSettings.consent;
  const doc = privacySummary[lang];
  const rights = usePrivacyRights();
  return (
    <View className='page'>
      <View className='topbar'>
        <Text className='doc__chain'>{pick(info?.chainName) || t('app.chain')}</Text>
        <LangToggle />
      </View>
      <View className='page__body'>
        {rights.member ? <MyRights rights={rights} /> : null}
        <View id='privacy-policy' className='panel doc'>
          <Text className='doc__title'>{t('join.privacyLink')}</Text>
          <Text id='privacy-version' className='doc__version'>
            {t('privacy.version')} {consent.privacyPolicyVersion}
          </Text>
          <Sections sections={doc.privacy} />
        </View>
        <View id='membership-terms' className='panel doc'>
          <Text className='doc__title'>{t('join.termsLink')}</Text>
          <Text id='terms-version' className='doc__version'>
            {t('privacy.version')} {consent.termsVersion}
          </Text>
          <Sections sections={doc.terms} />
        </View>
        <View className='panel__hint center'>{doc.contact}</View>
      </View>
    </View>
  );
}
