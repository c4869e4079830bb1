import type { Messages } from '../../shell/i18n';

type Key =
  | 'title' | 'intro' | 'refresh' | 'empty' | 'member' | 'tier' | 'growth' | 'requestedAt' | 'actions' | 'approve' | 'reject'
  | 'approveTitle' | 'rejectTitle' | 'noteLabel' | 'notePlaceholder' | 'noteTooLong' | 'confirm' | 'cancel' | 'approved' | 'rejected';

export const tierApprovalsMessages: Messages<Key> = {
  zh: {
    title: '等级审批',
    intro: '成长值达到需审批等级的会员在此等待运营审批；审批前保持不需审批的最高等级。批准或驳回都会通知会员，并记入审计日志。',
    refresh: '刷新',
    empty: '没有待审批的会员',
    member: '会员',
    tier: '申请等级',
    growth: '成长值（近 12 个月净消费）',
    requestedAt: '申请时间',
    actions: '操作',
    approve: '批准',
    reject: '驳回',
    approveTitle: '批准会员 {memberId} 升级为{tier}？',
    rejectTitle: '驳回会员 {memberId} 升级为{tier}？',
    noteLabel: '备注（可选，仅员工可见）',
    notePlaceholder: '例如：核实为企业采购',
    noteTooLong: '备注最多 200 个字',
    confirm: '确定',
    cancel: '取消',
    approved: '已批准会员 {memberId} 升级为{tier}',
    rejected: '已驳回会员 {memberId} 的升级申请',
  },
  en: {
    title: 'Tier approvals',
    intro: 'Members whose growth reaches a tier that needs approval wait here for operations; meanwhile they hold the best tier that needs none. Either decision is sent to the member and audit-logged.',
    refresh: 'Refresh',
    empty: 'Nobody is waiting',
    member: 'Member',
    tier: 'Tier',
    growth: 'Growth (net spend, 12 months)',
    requestedAt: 'Requested',
    actions: 'Actions',
    approve: 'Approve',
    reject: 'Reject',
    approveTitle: 'Approve member {memberId} for {tier}?',
    rejectTitle: 'Reject member {memberId} for {tier}?',
    noteLabel: 'Note (optional, staff only)',
    notePlaceholder: 'e.g. checked: a company account',
    noteTooLong: 'At most 200 characters',
    confirm: 'Confirm',
    cancel: 'Cancel',
    approved: 'Member {memberId} approved for {tier}',
    rejected: 'Member {memberId}’s upgrade rejected',
  },
};
