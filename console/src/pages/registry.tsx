import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteId } from '../../../shared/routes';
import type { StaffRole } from '../../../shared/staff-roles';
import { roleMayCall } from '../shell/access';

/**
 * The console's pages. Each names the API route it stands on: a role sees the page (and its menu entry) exactly
 * when the route table lets that role call the route, so the menu and the API's refusal can never disagree.
 * A page is a folder under pages/ with its component, hooks and messages; it loads when first opened.
 */
export type Section = 'service' | 'ops' | 'finance' | 'admin';
export interface ConsolePage {
  key: string;
  path: string;
  /** The route the page cannot work without. */
  route: RouteId;
  section: Section;
  label: { zh: string; en: string };
  /** Pages reached from another page (a member's page from the search) have no menu entry. */
  menu: boolean;
  Component: LazyExoticComponent<ComponentType>;
}

const page = (p: Omit<ConsolePage, 'menu'> & { menu?: boolean }): ConsolePage => ({ menu: true, ...p });

export const sections: Record<Section, { zh: string; en: string }> = {
  service: { zh: '会员服务', en: 'Members' },
  ops: { zh: '运营', en: 'Operations' },
  finance: { zh: '财务', en: 'Finance' },
  admin: { zh: '系统管理', en: 'Administration' },
};

export const consolePages: ConsolePage[] = [
  page({ key: 'members', path: '/members', route: 'findMembers', section: 'service', label: { zh: '会员查询', en: 'Find a member' }, Component: lazy(() => import('./members')) }),
  page({ key: 'member', path: '/members/:memberId', route: 'getMember', section: 'service', label: { zh: '会员详情', en: 'Member' }, menu: false, Component: lazy(() => import('./members/MemberPage')) }),
  page({ key: 'merges', path: '/merges', route: 'listMergeRequests', section: 'service', label: { zh: '合并队列', en: 'Merge queue' }, Component: lazy(() => import('./merges')) }),
  page({ key: 'tierApprovals', path: '/tier-approvals', route: 'tierApprovals', section: 'ops', label: { zh: '等级审批', en: 'Tier approvals' }, Component: lazy(() => import('./tier-approvals')) }),
  page({ key: 'couponTemplates', path: '/coupon-templates', route: 'createCouponTemplate', section: 'ops', label: { zh: '优惠券', en: 'Coupons' }, Component: lazy(() => import('./coupon-templates')) }),
  page({ key: 'couponPacks', path: '/coupon-packs', route: 'createCouponPack', section: 'ops', label: { zh: '券包', en: 'Coupon packs' }, Component: lazy(() => import('./coupon-packs')) }),
  page({ key: 'settings', path: '/settings', route: 'updateSettings', section: 'ops', label: { zh: '规则设置', en: 'Settings' }, Component: lazy(() => import('./settings')) }),
  page({ key: 'liability', path: '/liability', route: 'pointsLiabilityDays', section: 'finance', label: { zh: '积分负债', en: 'Points liability' }, Component: lazy(() => import('./liability')) }),
  page({ key: 'joins', path: '/reports/joins', route: 'joinStats', section: 'admin', label: { zh: '入会统计', en: 'New members' }, Component: lazy(() => import('./joins')) }),
  page({ key: 'registerDay', path: '/reports/registers', route: 'registerDayReport', section: 'admin', label: { zh: '收银台日报', en: 'Register day report' }, Component: lazy(() => import('./register-day')) }),
  page({ key: 'staff', path: '/staff', route: 'listStaff', section: 'admin', label: { zh: '员工账号', en: 'Staff accounts' }, Component: lazy(() => import('./staff')) }),
  page({ key: 'stores', path: '/stores', route: 'createRegister', section: 'admin', label: { zh: '门店与收银台', en: 'Stores and registers' }, Component: lazy(() => import('./stores')) }),
  page({ key: 'audit', path: '/audit', route: 'auditLog', section: 'admin', label: { zh: '审计日志', en: 'Audit log' }, Component: lazy(() => import('./audit')) }),
];

export { roleMayCall };

export const pagesFor = (role: StaffRole): ConsolePage[] => consolePages.filter((p) => roleMayCall(role, p.route));
