import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api-client';
import { defaultChainSettings } from '../../../../shared/settings-defaults';
import { inApp, signInAs } from '../../components/TestHarness';
import { api } from '../../shell/api';
import TierApprovals from './index';

jest.mock('../../shell/api', () => ({ ...jest.requireActual('../../shell/api'), api: { call: jest.fn() } }));
const call = api.call as unknown as jest.Mock;

const items = [
  { memberId: '100000011', tier: 'diamond', growthFen: 5_012_345, requestedAt: '2026-12-01T02:00:00.000Z' },
  { memberId: '100000012', tier: 'diamond', growthFen: 6_000_000, requestedAt: '2026-12-02T02:00:00.000Z' },
];
function routes(decide: () => Promise<unknown> = () => Promise.resolve({})) {
  call.mockImplementation((route: string) => {
    if (route === 'tierApprovals') return Promise.resolve({ items });
    if (route === 'getSettings') return Promise.resolve({ settings: defaultChainSettings, updatedAt: null, version: 3 });
    if (route === 'decideTierApproval') return decide();
    return Promise.reject(new Error(route));
  });
}

describe('tier approvals', () => {
  beforeEach(() => {
    call.mockReset();
    signInAs('ops');
  });

  it('lists member, tier name, growth in yuan, requested at (Shanghai)', async () => {
    routes();
    render(inApp(<TierApprovals />));
    await waitFor(() => expect(screen.getAllByTestId('tier-approval-row')).toHaveLength(2));
    const row = screen.getAllByTestId('tier-approval-row')[0];
    expect(row.getAttribute('data-member-id')).toBe('100000011');
    expect(within(row).getByTestId('tier-approval-member-link').getAttribute('href')).toBe('/members/100000011');
    expect(within(row).getByTestId('tier-approval-growth').textContent).toBe('¥50,123.45');
    await waitFor(() => expect(row.textContent).toContain('钻石会员'));
    expect(row.textContent).toContain('2026-12-01 10:00');
  });

  it('approve with a note: confirms, sends the decision and drops the row', async () => {
    routes(() => Promise.resolve({ ...items[0], decision: 'approve' }));
    render(inApp(<TierApprovals />));
    await waitFor(() => expect(screen.getAllByTestId('tier-approval-row')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('tier-approval-row')[0]).getByTestId('tier-approve'));
    fireEvent.change(await screen.findByTestId('tier-decision-note'), { target: { value: ' 核实为企业采购 ' } });
    fireEvent.click(screen.getByTestId('tier-decision-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('decideTierApproval', { params: { memberId: '100000011' }, body: { decision: 'approve', note: '核实为企业采购' } }));
    await waitFor(() => expect(screen.getAllByTestId('tier-approval-row')).toHaveLength(1));
  });

  it('reject without a note sends no note; a refusal shows the server’s message', async () => {
    routes(() => Promise.reject(new ApiError(404, 'NOT_FOUND', '会员 100000012 没有待审核的升级')));
    render(inApp(<TierApprovals />));
    await waitFor(() => expect(screen.getAllByTestId('tier-approval-row')).toHaveLength(2));
    fireEvent.click(within(screen.getAllByTestId('tier-approval-row')[1]).getByTestId('tier-reject'));
    fireEvent.click(await screen.findByTestId('tier-decision-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('decideTierApproval', { params: { memberId: '100000012' }, body: { decision: 'reject' } }));
    expect((await screen.findByTestId('tier-approvals-error')).textContent).toContain('会员 100000012 没有待审核的升级');
  });
});
