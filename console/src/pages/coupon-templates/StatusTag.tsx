import { Tag } from 'antd';
import { useT } from '../../shell/i18n';
import { couponTemplatesMessages } from './messages';
import type { TemplateStatus } from './model';

const colors: Record<TemplateStatus, string> = { draft: 'default', active: 'green', paused: 'orange', ended: 'red' };

export function StatusTag({ status }: { status: TemplateStatus }) {
  const t = useT(couponTemplatesMessages);
  return (
    <Tag color={colors[status]} data-testid="template-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
