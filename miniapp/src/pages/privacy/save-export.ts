import Taro from '@tarojs/taro';
import { isH5 } from '../../services/runtime';
import { exportFileName } from '../../utils/privacy';

/**
 * Hands the export to the member as a file. H5: a download of the JSON file. WeChat: the file is written to the
 * mini-program's own storage and sent to a chat of the member's choosing (shareFileMessage), where it can be kept
 * or forwarded; a WeChat too old for that copies the JSON to the clipboard instead.
 */
export async function saveExport(doc: { memberId: string; exportedAt: string }): Promise<{ kind: 'downloaded' | 'shared' | 'copied'; file: string }> {
  const file = exportFileName(doc.memberId, doc.exportedAt);
  const json = JSON.stringify(doc, null, 2);
  if (isH5) {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { kind: 'downloaded', file };
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${file}`;
  Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8');
  if (typeof Taro.shareFileMessage === 'function') {
    await Taro.shareFileMessage({ filePath, fileName: file });
    return { kind: 'shared', file };
  }
  await Taro.setClipboardData({ data: json });
  return { kind: 'copied', file };
}
