import { pick, type Lang } from '../shell/i18n';

/**
 * What each audit action means, in words (zh and en): the audit log shows it beside the action, and a member's
 * timeline beside the audit entries about the member. An action not listed here shows as it is spelt.
 */
export const auditActionLabels: Record<string, { zh: string; en: string }> = {
  'points.adjust': { zh: '积分调整', en: 'Points adjusted' },
  'tier.approve': { zh: '等级审批通过', en: 'Tier approved' },
  'tier.reject': { zh: '等级审批拒绝', en: 'Tier rejected' },
  'settings.update': { zh: '修改规则设置', en: 'Settings changed' },
  'staff.create': { zh: '新建员工账号', en: 'Staff account created' },
  'staff.update': { zh: '修改员工账号', en: 'Staff account changed' },
  'staff.update+password': { zh: '修改员工账号（含密码）', en: 'Staff account changed (password)' },
  'staff.signOut': { zh: '强制下线', en: 'Forced sign-out' },
  'staff.locked': { zh: '账号锁定', en: 'Account locked' },
  'store.create': { zh: '开设门店', en: 'Store opened' },
  'register.create': { zh: '添加收银台', en: 'Register added' },
  'register.revealKey': { zh: '查看收银台密钥', en: 'Register key shown' },
  'member.revealPhone': { zh: '查看会员完整手机号', en: 'Full phone number shown' },
  'member.correctBirthday': { zh: '更正会员生日', en: 'Member birthday corrected' },
  'merge.reject': { zh: '驳回合并申请', en: 'Merge request rejected' },
  'member.self.consent': { zh: '会员更改营销授权', en: 'Member changed marketing consent' },
  'member.self.export': { zh: '会员导出个人数据', en: 'Member exported their data' },
  'member.self.delete': { zh: '会员注销', en: 'Member deleted their membership' },
  'coupon.template.create': { zh: '新建优惠券模板', en: 'Coupon template created' },
  'coupon.template.activate': { zh: '启用优惠券', en: 'Coupon template activated' },
  'coupon.template.pause': { zh: '暂停优惠券', en: 'Coupon template paused' },
  'coupon.template.resume': { zh: '恢复优惠券', en: 'Coupon template resumed' },
  'coupon.template.end': { zh: '提前结束优惠券', en: 'Coupon template ended early' },
  'coupon.pack.create': { zh: '新建券包', en: 'Coupon pack created' },
  'coupon.compensate': { zh: '发放补偿券', en: 'Compensation coupon issued' },
  'coupon.revoke': { zh: '作废会员优惠券', en: 'Member coupon revoked' },
};

/** Actions the entries are known to use (the audit log's filter offers them; it accepts any other too). */
export const KNOWN_ACTIONS = Object.keys(auditActionLabels);

export const auditActionLabel = (action: string, lang: Lang): string | null => (auditActionLabels[action] ? pick(auditActionLabels[action], lang) : null);
