import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import MergeQueue from './index';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;

const open = (wechat: string, phone: string) => ({ mergeId: `${wechat}-${phone}`, wechatMemberId: wechat, phoneMemberId: phone, createdAt: '2026-12-01T02:00:00.000Z', status: 'open' });
const list = [open('100000007', '100000003'), open('100000009', '100000004')];

describe('the merge queue', () => {
  beforeEach(() => {
    call.mockReset();
    signInAs('service');
  });

  it('lists the pairs with links to both members; merging is not offered yet', async () => {
    call.mockResolvedValue({ items: list });
    render(inApp(<MergeQueue />));
    await waitFor(() => expect(screen.getAllByTestId('merge-row')).toHaveLength(2));
    const row = screen.getAllByTestId('merge-row')[0];
    expect(row.getAttribute('data-merge-id')).toBe('100000007-100000003');
    expect(within(row).getByTestId('merge-wechat-link').getAttribute('href')).toBe('/members/100000007');
    expect(within(row).getByTestId('merge-phone-link').getAttribute('href')).toBe('/members/100000003');
    expect(row.textContent).toContain('2026-12-01 10:00');
    expect((within(row).getByTestId('merge-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.mouseEnter(within(row).getByTestId('merge-accept-wrapper'));
    expect(await screen.findByText('合并两个会员账户将随会员导入功能提供')).toBeTruthy();
  });

  it('rejecting asks for a note of 2–200 characters, then sends it and drops the row', async () => {
    call.mockImplementation((route: string, args: { params: { mergeId: string } }) =>
      route === 'listMergeRequests' ? Promise.resolve({ items: list }) : Promise.resolve({ ...list[0], mergeId: args.params.mergeId, status: 'rejected' }),
    );
    render(inApp(<MergeQueue />));
    await waitFor(() => expect(screen.getAllByTestId('merge-row')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('merge-row')[0]).getByTestId('merge-reject'));
    fireEvent.change(await screen.findByTestId('merge-reject-note'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('merge-reject-confirm'));
    expect(await screen.findByText('驳回说明须为 2–200 个字')).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('rejectMerge', expect.anything());
    fireEvent.change(screen.getByTestId('merge-reject-note'), { target: { value: '  不是同一人（已电话核实） ' } });
    fireEvent.click(screen.getByTestId('merge-reject-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('rejectMerge', { params: { mergeId: '100000007-100000003' }, body: { note: '不是同一人（已电话核实）' } }));
    await waitFor(() => expect(screen.getAllByTestId('merge-row')).toHaveLength(1));
  });

  it('a refusal shows the server’s message and keeps the dialog open', async () => {
    call.mockImplementation((route: string) =>
      route === 'listMergeRequests' ? Promise.resolve({ items: list }) : Promise.reject(new ApiError(409, 'CONFLICT', '该合并请求已处理')),
    );
    render(inApp(<MergeQueue />));
    await waitFor(() => expect(screen.getAllByTestId('merge-row')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('merge-row')[1]).getByTestId('merge-reject'));
    fireEvent.change(await screen.findByTestId('merge-reject-note'), { target: { value: '重复提交' } });
    fireEvent.click(screen.getByTestId('merge-reject-confirm'));
    expect((await screen.findByTestId('merge-reject-error')).textContent).toBe('该合并请求已处理');
    expect(screen.getAllByTestId('merge-row')).toHaveLength(2);
  });
});
