import { Result } from 'antd';

/** Placeholder until the page is built. */
export default function Page() {
  return <Result status="info" title="joins" />;
}
