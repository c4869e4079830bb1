jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));

import { TextEncoder } from 'node:util';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { quietJsdom, renderPage, signInAs } from '../../components/test-utils';
import { api, ApiError } from '../../shell/api';
import { setLang } from '../../shell/i18n';
import { joinQrContent } from './hooks';
import StoresPage from './index';

// qrcode encodes with TextEncoder, which browsers have and jsdom does not.
Object.assign(globalThis, { TextEncoder });

const call = api.call as unknown as jest.Mock;
const store = (storeId: string, name: string) => ({ storeId, name, region: '华东', address: '南京东路1号', registers: [{ storeId, registerId: 'R1', name: '1号收银台', joinScene: 'ab12CD34' }] });
const stores = [store('SH-001', '南京路店'), store('SH-002', '徐家汇店')];
const KEY = 'k3y-0f-SH-001-R1-5ecret';

function serve(overrides: Record<string, (args: unknown) => unknown> = {}) {
  call.mockImplementation(async (id: string, args: unknown) => {
    if (overrides[id]) return overrides[id](args);
    if (id === 'listStores') return { items: stores };
    if (id === 'registerApiKey') return { storeId: 'SH-001', registerId: 'R1', key: KEY, signing: 'x-store-id, x-register-id, HMAC-SHA256' };
    if (id === 'registerJoinCode') return { scene: 'ab12CD34', path: 'pages/join/index?scene=ab12CD34', store: { storeId: 'SH-001', name: '南京路店' }, registerId: 'R1' };
    throw new Error(`unexpected call ${id}`);
  });
}

describe('the stores page', () => {
  quietJsdom();
  beforeEach(() => {
    call.mockReset();
    setLang('zh');
    delete (globalThis as { __MEMBERSHIP_CONFIG__?: unknown }).__MEMBERSHIP_CONFIG__;
  });

  it('lets only chain-scoped admins open a store', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' } });
    serve({ createStore: (args) => ({ ...(args as { body: object }).body, registers: [] }) });
    const { unmount } = renderPage(<StoresPage />);
    await screen.findByTestId('store-row-SH-001');
    fireEvent.click(screen.getByTestId('store-create'));
    const form = await screen.findByTestId('store-create-form');
    fireEvent.change(within(form).getByTestId('store-form-id'), { target: { value: 'HZ-001' } });
    fireEvent.change(within(form).getByTestId('store-form-name'), { target: { value: '西湖店' } });
    fireEvent.change(within(form).getByTestId('store-form-region').querySelector('input')!, { target: { value: '华东' } });
    fireEvent.change(within(form).getByTestId('store-form-address'), { target: { value: '湖滨路3号' } });
    fireEvent.click(within(form).getByTestId('store-form-submit'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('createStore', { body: { storeId: 'HZ-001', name: '西湖店', region: '华东', address: '湖滨路3号' } }));
    unmount();

    signInAs({ role: 'admin', scope: { level: 'region', region: '华东' } });
    renderPage(<StoresPage />);
    await screen.findByTestId('store-row-SH-001');
    expect(screen.queryByTestId('store-create')).toBeNull();
  });

  it('adds a register and shows the server’s refusal as given', async () => {
    signInAs({ role: 'ops', scope: { level: 'store', storeId: 'SH-001' } });
    serve({
      createRegister: () => {
        throw new ApiError(409, 'CONFLICT', '收银台 R1 已存在');
      },
    });
    renderPage(<StoresPage />);
    fireEvent.click(await screen.findByTestId('store-add-register-SH-001'));
    const form = await screen.findByTestId('register-create-form');
    fireEvent.change(within(form).getByTestId('register-form-id'), { target: { value: 'R1' } });
    fireEvent.change(within(form).getByTestId('register-form-name'), { target: { value: '1号收银台' } });
    fireEvent.click(within(form).getByTestId('register-form-submit'));
    expect((await screen.findByTestId('register-form-error')).textContent).toBe('收银台 R1 已存在');
    expect(call).toHaveBeenCalledWith('createRegister', { params: { storeId: 'SH-001' }, body: { registerId: 'R1', name: '1号收银台' } });
    // Ops add registers but are not handed signing keys.
    fireEvent.click(screen.getByTestId('store-expand-SH-001'));
    await screen.findByTestId('register-row-SH-001-R1');
    expect(screen.queryByTestId('register-key-SH-001-R1')).toBeNull();
  });

  it('shows a register’s key once, after a confirmation, with a copy button; closing discards it', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' } });
    serve();
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    renderPage(<StoresPage />);
    fireEvent.click(await screen.findByTestId('store-expand-SH-001'));
    fireEvent.click(await screen.findByTestId('register-key-SH-001-R1'));
    expect(await screen.findByText(/此操作会记入审计日志/)).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('registerApiKey', expect.anything());
    fireEvent.click(screen.getByTestId('register-key-confirm'));
    expect((await screen.findByTestId('register-key-value')).textContent).toBe(KEY);
    expect(call).toHaveBeenCalledWith('registerApiKey', { params: { storeId: 'SH-001', registerId: 'R1' } });
    fireEvent.click(screen.getByTestId('register-key-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(KEY));
    fireEvent.click(screen.getByTestId('register-key-close'));
    await waitFor(() => expect(screen.queryByTestId('register-key-value')).toBeNull());
    expect(document.body.textContent).not.toContain(KEY);
  });

  it('draws the join QR code of the scene, or of the H5 link when the deployment names the H5 address', async () => {
    signInAs({ role: 'admin', scope: { level: 'chain' } });
    serve();
    renderPage(<StoresPage />);
    fireEvent.click(await screen.findByTestId('store-expand-SH-001'));
    fireEvent.click(await screen.findByTestId('register-join-code-SH-001-R1'));
    const qr = await screen.findByTestId('join-code-qr');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(qr.getAttribute('data-content')).toBe('ab12CD34');
    expect(screen.getByTestId('join-code-scene').textContent).toContain('ab12CD34');

    expect(joinQrContent({ scene: 'ab12CD34', path: 'pages/join/index?scene=ab12CD34' }, 'https://m.example.cn')).toEqual({
      text: 'https://m.example.cn/#/pages/join/index?scene=ab12CD34',
      link: 'https://m.example.cn/#/pages/join/index?scene=ab12CD34',
    });
  });
});
