import type { Messages } from '../../shell/i18n';

type Key =
  | 'title' | 'intro' | 'refresh' | 'empty' | 'wechatMember' | 'phoneMember' | 'createdAt' | 'status' | 'actions' | 'reject' | 'accept'
  | 'acceptLater' | 'rejectTitle' | 'rejectIntro' | 'note' | 'noteHelp' | 'noteLength' | 'rejectConfirm' | 'cancel' | 'rejected'
  | 'status.open' | 'status.done' | 'status.rejected';

export const mergesMessages: Messages<Key> = {
  zh: {
    title: '合并队列',
    intro: '同一个人的微信账户和手机号分属两个会员时，会在这里等待客服处理。两个会员在处理前互不影响。',
    refresh: '刷新',
    empty: '没有待处理的合并请求',
    wechatMember: '微信会员',
    phoneMember: '手机号会员',
    createdAt: '提交时间',
    status: '状态',
    actions: '操作',
    reject: '驳回',
    accept: '合并',
    acceptLater: '合并两个会员账户将随会员导入功能提供',
    rejectTitle: '驳回合并请求 {wechat} ↔ {phone}',
    rejectIntro: '驳回后两个会员保持独立，操作记入审计日志。',
    note: '驳回说明',
    noteHelp: '仅员工和审计日志可见',
    noteLength: '驳回说明须为 2–200 个字',
    rejectConfirm: '确认驳回',
    cancel: '取消',
    rejected: '已驳回合并请求 {mergeId}',
    'status.open': '待处理',
    'status.done': '已合并',
    'status.rejected': '已驳回',
  },
  en: {
    title: 'Merge queue',
    intro: 'When one person’s WeChat account and phone number belong to two members, the pair waits here for customer service. Until then the two members carry on apart.',
    refresh: 'Refresh',
    empty: 'No open merge requests',
    wechatMember: 'WeChat member',
    phoneMember: 'Phone member',
    createdAt: 'Created',
    status: 'Status',
    actions: 'Actions',
    reject: 'Reject',
    accept: 'Merge',
    acceptLater: 'Merging two member accounts comes with the member import feature',
    rejectTitle: 'Reject the merge {wechat} ↔ {phone}',
    rejectIntro: 'The two members stay apart; the rejection is audit-logged.',
    note: 'Note',
    noteHelp: 'Staff and the audit log only',
    noteLength: 'The note needs 2–200 characters',
    rejectConfirm: 'Reject',
    cancel: 'Cancel',
    rejected: 'Merge request {mergeId} rejected',
    'status.open': 'Open',
    'status.done': 'Merged',
    'status.rejected': 'Rejected',
  },
};
