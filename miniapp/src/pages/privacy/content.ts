/**
 * The privacy policy and membership terms in summary, in both languages. The full legal text lives with
 * the legal team; the version numbers shown come from the server (what the shopper consents to).
 */
export interface Section {
  heading: string;
  items: string[];
}

export const privacySummary: Record<'zh' | 'en', { privacy: Section[]; terms: Section[]; contact: string }> = {
  zh: {
    privacy: [
      {
        heading: '我们收集哪些信息',
        items: [
          '微信身份标识（openid / unionid），用于登录和识别您的会员账户；',
          '手机号（经您授权或验证码登录时提供），加密存储，员工界面仅显示掩码（如 138****5678）；',
          '消费与退货记录、积分、储值和优惠券使用记录；',
          '入会门店与收银台（通过扫码入会时）。',
        ],
      },
      {
        heading: '我们如何使用这些信息',
        items: [
          '提供会员服务：会员卡、会员码、积分累计与抵现、储值、优惠券和等级权益；',
          '在收银台识别会员身份；',
          '客服处理、账户合并、防范欺诈和满足法律法规要求；',
          '在您同意的范围内进行会员营销（可随时退订）。',
        ],
      },
      {
        heading: '您的权利',
        items: [
          '查询与更正：您可以查看并更正您的会员信息；',
          '导出：您可以申请获取您的个人信息副本；',
          '删除与注销：您可以申请注销会员并删除个人信息（法律要求保留的交易记录除外）；',
          '撤回同意：撤回后我们将停止相应处理，但不影响撤回前的处理。',
        ],
      },
      {
        heading: '存储与安全',
        items: ['数据存储在中国境内；手机号加密保存；员工查看完整手机号需单独授权并留有审计记录。'],
      },
    ],
    terms: [
      {
        heading: '会员条款摘要',
        items: [
          '入会免费，一人一个会员账户；',
          '消费按等级规则累计积分，积分可在结账时按规则抵现，退货时相应积分将被扣回；',
          '会员等级按近 12 个月净消费计算；',
          '会员码每 60 秒自动更新，请勿截图转发给他人使用。',
        ],
      },
    ],
    contact: '如需行使上述权利或有任何疑问，请联系门店或客服。',
  },
  en: {
    privacy: [
      {
        heading: 'What we collect',
        items: [
          'Your WeChat identifier (openid / unionid), to sign you in and find your membership;',
          'Your mobile number (when you share it or sign in with a code), stored encrypted; staff screens show it masked (e.g. 138****5678);',
          'Your purchases and returns, points, stored value and coupon use;',
          'The store and register where you joined (when you joined by scanning a code).',
        ],
      },
      {
        heading: 'Why we use it',
        items: [
          'To provide membership: card, member code, earning and redeeming points, stored value, coupons and tier benefits;',
          'To identify you at the register;',
          'For customer service, merging duplicate accounts, preventing fraud and meeting legal obligations;',
          'For member marketing within what you agreed to (you can opt out at any time).',
        ],
      },
      {
        heading: 'Your rights',
        items: [
          'Access and correct: view and correct your member details;',
          'Export: ask for a copy of your personal information;',
          'Delete: close your membership and have your personal information deleted (except transaction records the law requires us to keep);',
          'Withdraw consent: we stop the processing from then on; earlier processing is unaffected.',
        ],
      },
      {
        heading: 'Storage and security',
        items: ['Data is stored in mainland China; phone numbers are encrypted; staff need a separate permission, which is audit-logged, to see a full number.'],
      },
    ],
    terms: [
      {
        heading: 'Membership terms in brief',
        items: [
          'Joining is free; one membership per person;',
          'Purchases earn points by your tier’s rules; points can pay part of a bill; points are taken back when goods are returned;',
          'Tiers follow your net spend over the last 12 months;',
          'The member code changes every 60 seconds; do not share screenshots of it.',
        ],
      },
    ],
    contact: 'To use these rights or ask a question, contact any store or customer service.',
  },
};
