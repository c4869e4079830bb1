import { Result } from 'antd';

/** Placeholder until the page is built. */
export default function MemberPage() {
  return <Result status="info" title="member" />;
}
