jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { quietJsdom, renderPage, signInAs } from '../../components/test-utils';
import { api, ApiError } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import StaffPage from './index';

const call = api.call as unknown as jest.Mock;
const stores = [
  { storeId: 'SH-001', name: '南京路店', region: '华东', address: '南京东路1号', registers: [] },
  { storeId: 'SH-002', name: '徐家汇店', region: '华东', address: '漕溪北路2号', registers: [] },
];
const alice = { username: 'alice', displayName: '李丽', role: 'cashier', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false, disabled: false, createdAt: '2026-11-01T02:00:00.000Z' };

function serve(overrides: Record<string, (args: unknown) => unknown> = {}) {
  call.mockImplementation(async (id: string, args: unknown) => {
    if (overrides[id]) return overrides[id](args);
    if (id === 'listStaff') return { items: [alice] };
    if (id === 'listStores') return { items: stores };
    throw new Error(`unexpected call ${id}`);
  });
}

async function openCreate() {
  renderPage(<StaffPage />);
  await screen.findByTestId('staff-row-alice');
  fireEvent.click(screen.getByTestId('staff-create'));
  return screen.findByTestId('staff-create-form');
}

function fillCreate(form: HTMLElement) {
  fireEvent.change(within(form).getByTestId('staff-form-username'), { target: { value: 'bob.cashier' } });
  fireEvent.change(within(form).getByTestId('staff-form-display-name'), { target: { value: '王波' } });
  fireEvent.change(within(form).getByTestId('staff-form-password'), { target: { value: 'Winter-2026-long' } });
  fireEvent.click(within(form).getByTestId('staff-form-role-cashier'));
}

describe('the staff page', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
  });

  it('offers a store-scoped admin only its own store: no chain or region scope, no admin role, no permission it lacks', async () => {
    signInAs({ role: 'admin', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false });
    serve();
    const form = await openCreate();
    expect(within(form).queryByTestId('staff-form-role-admin')).toBeNull();
    expect(within(form).getByTestId('staff-form-role-ops')).toBeTruthy();
    expect(within(form).queryByTestId('staff-form-scope-chain')).toBeNull();
    expect(within(form).queryByTestId('staff-form-scope-region')).toBeNull();
    expect(within(form).getByTestId('staff-form-scope-store').closest('label')!.className).toContain('ant-radio-button-wrapper-checked');
    // Its store is chosen, and the list offers nothing else (SH-002 is in the list the API gave, not in the admin's scope).
    const store = within(form).getByTestId('staff-form-store');
    expect(store.textContent).toContain('SH-001 南京路店');
    fireEvent.mouseDown(store.querySelector('.ant-select-selector')!);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['SH-001 南京路店']);
    expect(screen.queryByText('SH-002 徐家汇店')).toBeNull();
    expect((within(form).getByTestId('staff-form-reveal') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a chain admin may make a chain-scoped admin', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' }, canRevealPhone: true });
    serve();
    const form = await openCreate();
    expect(within(form).getByTestId('staff-form-role-admin')).toBeTruthy();
    expect(within(form).getByTestId('staff-form-scope-chain')).toBeTruthy();
    expect(within(form).getByTestId('staff-form-scope-region')).toBeTruthy();
  });

  it('creates the account it was asked for', async () => {
    signInAs({ role: 'admin', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false });
    serve({ createStaff: (args) => ({ ...alice, username: 'bob.cashier', ...(args as { body: object }).body }) });
    const form = await openCreate();
    fillCreate(form);
    fireEvent.click(within(form).getByTestId('staff-form-submit'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('createStaff', {
        body: { username: 'bob.cashier', displayName: '王波', password: 'Winter-2026-long', role: 'cashier', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false },
      }),
    );
  });

  it('shows the server’s refusal as given', async () => {
    signInAs({ role: 'admin', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false });
    serve({
      createStaff: () => {
        throw new ApiError(403, 'ESCALATION', '不能创建或修改出超出您自己权限的账号');
      },
    });
    const form = await openCreate();
    fillCreate(form);
    fireEvent.click(within(form).getByTestId('staff-form-submit'));
    expect((await screen.findByTestId('staff-form-error')).textContent).toBe('不能创建或修改出超出您自己权限的账号');
  });

  it('shows the refusal in English when the console is in English (the server answered in it)', async () => {
    setLang('en');
    signInAs({ role: 'admin', scope: { level: 'store', storeId: 'SH-001' }, canRevealPhone: false });
    serve({
      createStaff: () => {
        throw new ApiError(400, 'PASSWORD_POLICY', 'The password must not contain the username');
      },
    });
    const form = await openCreate();
    fillCreate(form);
    fireEvent.click(within(form).getByTestId('staff-form-submit'));
    expect((await screen.findByTestId('staff-form-error')).textContent).toBe('The password must not contain the username');
  });

  it('says what the password policy wants before asking the server', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' }, canRevealPhone: true });
    serve();
    const form = await openCreate();
    fillCreate(form);
    fireEvent.change(within(form).getByTestId('staff-form-password'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByTestId('staff-form-submit'));
    expect(await within(form).findByText(/密码至少 10 位/)).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('createStaff', expect.anything());
  });

  it('edits by sending only what changed, and resets a password', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' }, canRevealPhone: true });
    serve({ updateStaff: () => alice });
    renderPage(<StaffPage />);
    fireEvent.click(await screen.findByTestId('staff-edit-alice'));
    const form = await screen.findByTestId('staff-edit-form');
    fireEvent.click(within(form).getByTestId('staff-form-disabled'));
    fireEvent.click(within(form).getByTestId('staff-form-submit'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('updateStaff', { params: { username: 'alice' }, body: { disabled: true } }));

    fireEvent.click(screen.getByTestId('staff-password-alice'));
    const pw = await screen.findByTestId('staff-password-form');
    fireEvent.change(within(pw).getByTestId('staff-password-input'), { target: { value: 'Spring#2027x' } });
    fireEvent.change(within(pw).getByTestId('staff-password-confirm'), { target: { value: 'Spring#2027x' } });
    fireEvent.click(within(pw).getByTestId('staff-password-submit'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('updateStaff', { params: { username: 'alice' }, body: { password: 'Spring#2027x' } }));
  });

  it('signs an account out after confirmation', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' }, canRevealPhone: true });
    serve({ signOutStaff: () => ({ username: 'alice', sessionsEndedAt: '2026-11-30T02:00:00.000Z' }) });
    renderPage(<StaffPage />);
    fireEvent.click(await screen.findByTestId('staff-signout-alice'));
    fireEvent.click(await screen.findByTestId('staff-signout-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('signOutStaff', { params: { username: 'alice' } }));
    expect(await screen.findByText('alice 已于 2026-11-30 10:00:00 下线')).toBeTruthy();
  });
});
