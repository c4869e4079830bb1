import { Text, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { useI18n } from '../../i18n';
import { signInStrip } from '../../utils/points';

interface SignInState {
  signedInToday: boolean;
  streak: number;
  nextPoints: number;
  cycle: number[];
}

/** Daily sign-in: the streak, one slot per day of the cycle, and the button (or "signed in today"). */
export function SignInCard({ state, busy, onSignIn }: { state: SignInState; busy: boolean; onSignIn: () => void }) {
  const { t } = useI18n();
  const { slots, todayPoints } = signInStrip(state.cycle, state.streak, state.signedInToday);
  // Not yet signed in: the server says what today's sign-in gives (it knows whether the streak still holds).
  const points = state.signedInToday ? todayPoints : state.nextPoints;
  return (
    <View className='panel signin'>
      <View className='signin__head'>
        <View className='signin__titles'>
          <Text className='panel__title'>{t('points.signIn')}</Text>
          <Text id='sign-in-streak' className='signin__streak' data-streak={state.streak}>
            {state.streak > 0 ? t('points.streak', { n: state.streak }) : t('points.streakNone')}
          </Text>
        </View>
        <Button
          id='sign-in-button'
          className={`signin__button${state.signedInToday ? ' signin__button--done' : ''}`}
          type={state.signedInToday ? 'default' : 'primary'}
          size='small'
          loading={busy}
          {...{ role: 'button', 'aria-disabled': state.signedInToday ? 'true' : 'false' }}
          onClick={() => {
            if (!state.signedInToday) onSignIn();
          }}
        >
          {state.signedInToday ? t('points.signedInToday') : t('points.signInButton', { n: points })}
        </Button>
      </View>

      <View className='signin__strip'>
        {slots.map((slot) => (
          <View
            key={slot.day}
            className={`signin__slot${slot.done ? ' signin__slot--done' : ''}${slot.today ? ' signin__slot--today' : ''}`}
            data-day={slot.day}
            data-done={slot.done ? 'true' : 'false'}
          >
            <View className='signin__dot'>
              <Text className='signin__dot-text'>{slot.done ? '✓' : `+${slot.points}`}</Text>
            </View>
            <Text className='signin__day'>{slot.today ? t('points.signInToday') : t('points.signInDay', { n: slot.day })}</Text>
          </View>
        ))}
      </View>

      <Text className='signin__hint'>
        {state.signedInToday ? t('points.todayEarned', { n: todayPoints }) : t('points.todayCan', { n: points })}
      </Text>
    </View>
  );
}
