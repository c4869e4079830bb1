import { staffRoles } from '@shared/roles';
import { pages } from './links';
import { canUseTool, staffLandingPage, staffPageAccess, toolsFor } from './staff-access';

describe('toolsFor', () => {
  it('offers each role the tools its routes allow', () => {
    expect(toolsFor('ops')).toEqual(['approvals', 'memberPoints', 'liability']);
    expect(toolsFor('service')).toEqual(['memberPoints']);
    expect(toolsFor('finance')).toEqual(['liability']);
    expect(toolsFor('cashier')).toEqual([]);
    expect(toolsFor('admin')).toEqual([]);
    expect(toolsFor(undefined)).toEqual([]);
  });
  it('agrees with canUseTool for every role', () => {
    for (const role of staffRoles) {
      for (const tool of toolsFor(role)) expect(canUseTool(role, tool)).toBe(true);
    }
  });
});

describe('staffPageAccess', () => {
  it('sends a visitor to sign in, whatever the page', () => {
    expect(staffPageAccess(false, undefined, 'liability')).toBe('login');
    expect(staffPageAccess(false, 'ops', 'approvals')).toBe('login');
  });
  it('lets a role in only where it may act', () => {
    expect(staffPageAccess(true, 'ops', 'approvals')).toBe('ok');
    expect(staffPageAccess(true, 'service', 'approvals')).toBe('forbidden');
    expect(staffPageAccess(true, 'finance', 'memberPoints')).toBe('forbidden');
    expect(staffPageAccess(true, 'finance', 'liability')).toBe('ok');
    expect(staffPageAccess(true, 'cashier', 'liability')).toBe('forbidden');
    expect(staffPageAccess(true, null, 'liability')).toBe('forbidden');
  });
});

describe('staffLandingPage', () => {
  it('takes cashiers to the register, others home', () => {
    expect(staffLandingPage('cashier', pages.staffLiability)).toBe(pages.cashier);
    expect(staffLandingPage('ops', undefined)).toBe(pages.staffHome);
  });
  it('returns to the tool page that asked for sign-in when the role may use it', () => {
    expect(staffLandingPage('finance', pages.staffLiability)).toBe(pages.staffLiability);
    expect(staffLandingPage('service', `${pages.staffMemberPoints}?x=1`)).toBe(`${pages.staffMemberPoints}?x=1`);
    expect(staffLandingPage('finance', pages.staffApprovals)).toBe(pages.staffHome);
    expect(staffLandingPage('ops', pages.card)).toBe(pages.staffHome);
  });
});
