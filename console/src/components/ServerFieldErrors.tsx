import type { FormInstance } from 'antd';
import { ApiError } from '../../../shared/api-client';
import { getLang, translate, type Messages } from '../shell/i18n';

/**
 * A 400 from the API lists each problem with its field path (["body","settings","tiers","1","thresholdFen"]).
 * The call's own message is already in the user's language; the per-field messages come from the schema and may
 * be English, so a field is marked with our own words, and the schema's text is added only when it is in the
 * user's language (English for English; Chinese when it has Chinese in it).
 */
export type ServerIssue = { path: string[]; message: string };

const messages: Messages<'rejected'> = {
  zh: { rejected: '服务器不接受此值' },
  en: { rejected: 'The server refused this value' },
};

export function serverIssues(err: unknown): ServerIssue[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as unknown[])
    .filter((d): d is { path: unknown[]; message?: unknown } => typeof d === 'object' && d !== null && Array.isArray((d as { path?: unknown }).path))
    .map((d) => ({ path: d.path.map(String), message: typeof d.message === 'string' ? d.message : '' }));
}

export function issueText(issue: ServerIssue): string {
  const lang = getLang();
  const ours = translate(messages, lang, 'rejected');
  const hasChinese = /[\u4e00-\u9fff]/.test(issue.message);
  const readable = issue.message && (lang === 'en' ? !hasChinese || /[A-Za-z]/.test(issue.message) : hasChinese);
  if (!readable) return ours;
  return lang === 'en' ? `${ours}: ${issue.message}` : `${ours}：${issue.message}`;
}

/**
 * Marks the form fields a refusal names. `toField` maps an API path to the form's field name (or null when the
 * form has no such field); returns the issues no field took, for the caller to show beside the message.
 */
export function applyServerIssues(form: FormInstance, err: unknown, toField: (path: string[]) => Array<string | number> | null): ServerIssue[] {
  const leftover: ServerIssue[] = [];
  const fields: Array<{ name: Array<string | number>; errors: string[] }> = [];
  for (const issue of serverIssues(err)) {
    const name = toField(issue.path);
    if (name) fields.push({ name, errors: [issueText(issue)] });
    else leftover.push(issue);
  }
  if (fields.length) form.setFields(fields);
  return leftover;
}
