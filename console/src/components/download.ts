/** Characters Windows refuses in file names. */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|]+/g, '_');

/** Saves text as a file in the browser's downloads. */
export function downloadText(fileName: string, content: string, type: string): void {
  const blob = new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(fileName);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
