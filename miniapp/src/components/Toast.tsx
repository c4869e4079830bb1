import Toast from '@nutui/nutui-react-taro/dist/es/packages/toast';
import '@nutui/nutui-react-taro/dist/es/packages/toast/style/css';

/**
 * One NutUI Toast per page, addressed by id (pages stay mounted in the stack, so a shared id would show the
 * message on every page at once).
 */
export function PageToast({ id }: { id: string }) {
  return <Toast id={id} />;
}

export function showToast(id: string, content: string, icon: 'success' | 'fail' | 'warn' | 'loading' | null = null) {
  Toast.show(id, { content, icon: icon ?? undefined, duration: 2.5, wordBreak: 'break-word' });
}
