import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ErrorCode } from '../../shared/errors';
import { langOf } from './errors';

/**
 * Every error the API answers with is written as msg('中文', 'English'): one language per message, so the
 * HTTP layer can answer in the caller's (Accept-Language). Read from the source, so a new throw site is
 * checked the day it is written.
 */
const root = path.resolve(__dirname, '..');

/**
 * Files whose throw sites other work is converting (issue 6): each entry must still have a plain-string
 * message, so the list only shrinks; remove a file once it is converted.
 */
const PENDING: Record<string, string> = {};

/** Error helper → index of its message argument (and of its code argument, if any). */
const HELPERS: Record<string, { message: number; code?: number }> = {
  badRequest: { message: 1, code: 0 },
  unauthenticated: { message: 0, code: 1 },
  forbidden: { message: 0, code: 1 },
  notFound: { message: 0, code: 1 },
  conflict: { message: 0, code: 1 },
  tooManyRequests: { message: 0 },
  HttpError: { message: 2, code: 1 },
};

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The text of a string or template literal, with `${…}` left out; undefined for anything else. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

interface Finding {
  file: string;
  line: number;
  problem: string;
}

function scan(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const rel = path.relative(root, file).split(path.sep).join('/');
  const out: Finding[] = [];
  const at = (node: ts.Node, problem: string) => out.push({ file: rel, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, problem });
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = ts.isIdentifier(node.expression) ? node.expression.text : undefined;
      const args = node.arguments ?? ts.factory.createNodeArray();
      if (name === 'msg' && args.length === 2) {
        const [zh, en] = args.map(literalText);
        if (zh === undefined || en === undefined) at(node, 'msg() takes two literals');
        else {
          if (!CJK.test(zh)) at(node, `zh text has no Chinese: "${zh}"`);
          if (CJK.test(en)) at(node, `en text has Chinese: "${en}"`);
        }
      }
      const helper = name ? HELPERS[name] : undefined;
      const isHelperCall = helper && (name !== 'HttpError' || ts.isNewExpression(node));
      if (isHelperCall) {
        const message = args[helper.message];
        const isMsg = message && ts.isCallExpression(message) && ts.isIdentifier(message.expression) && message.expression.text === 'msg';
        if (message && !isMsg) at(node, `${name}(…) message is not msg(zh, en): ${message.getText(sf).slice(0, 80)}`);
        const code = helper.code === undefined ? undefined : args[helper.code];
        const codeText = code && literalText(code);
        if (codeText !== undefined && !(Object.values(ErrorCode) as string[]).includes(codeText)) at(node, `code "${codeText}" is not in shared/errors.ts ErrorCode`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('error messages', () => {
  // errors.ts defines the helpers and passes their messages on.
  const findings = sourceFiles(root).filter((f) => !f.endsWith(path.join('commons', 'errors.ts'))).flatMap(scan);

  it('are msg(zh, en) with one language each, and codes from ErrorCode', () => {
    expect(findings.filter((f) => !(f.file in PENDING)).map((f) => `${f.file}:${f.line} ${f.problem}`)).toEqual([]);
  });

  it('the pending list only names files that still need converting', () => {
    const stale = Object.keys(PENDING).filter((file) => !findings.some((f) => f.file === file));
    expect(stale).toEqual([]);
  });

  it('language choice: zh-CN by default, English when preferred', () => {
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('en')).toBe('en');
    expect(langOf('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langOf('fr-FR,en;q=0.5')).toBe('en');
    expect(langOf('fr-FR')).toBe('zh');
    expect(langOf('en;q=0')).toBe('zh');
  });
});
