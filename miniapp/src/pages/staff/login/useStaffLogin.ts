import { useState } from 'react';
import Taro from '@tarojs/taro';
import { translate } from '../../../i18n';
import { errorMessage, staffApi } from '../../../services/api';
import { staffSession } from '../../../services/session';
import { registerChoicesOf, type RegisterChoice } from '../../../utils/register-choices';
import { staffLandingPage } from '../../../utils/staff-access';

/** Signs staff in: cashiers (with their register) go to the register, every other role to the staff home. */
export function useStaffLogin(onError: (message: string) => void) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [register, setRegister] = useState(() => staffSession.rememberedRegister());
  const [choices, setChoices] = useState<RegisterChoice[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function login(registerOverride?: string) {
    if (busy) return;
    const user = username.trim().toLowerCase();
    const registerId = (registerOverride ?? register).trim().toUpperCase();
    if (!user || !password) {
      setError(translate('staff.missing'));
      onError(translate('staff.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const res = await staffApi.call('staffLogin', {
        body: { username: user, password, registerId: registerId || undefined },
      });
      staffSession.save(res.token, res.staff);
      if (res.staff.register) staffSession.rememberRegister(res.staff.register.registerId);
      Taro.reLaunch({ url: staffLandingPage(res.staff.role) });
    } catch (err) {
      const offered = registerChoicesOf(err);
      if (offered && offered.length > 0) {
        // Not a failure: the cashier picks a register below and is signed in with it.
        setChoices(offered);
        setError(undefined);
        return;
      }
      const message = errorMessage(err);
      setError(message);
      onError(message);
    } finally {
      setBusy(false);
    }
  }

  function choose(registerId: string) {
    setRegister(registerId);
    login(registerId);
  }

  return { username, setUsername, password, setPassword, register, setRegister, choices, busy, error, login, choose };
}
