import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { HttpTransport } from '../../shared/api-client';
import { buildOpenApiDocument, type OpenApiDocument } from '../../shared/openapi';

/**
 * Checks answers against the generated OpenAPI document, the way a contract-testing proxy would: the status must
 * be one the operation documents, and the body must match that status's schema (JSON Schema 2020-12, with
 * formats). An answer outside the contract is a test failure, whatever the test itself expected.
 */

// ajv 8's 2020-12 dialect (what OpenAPI 3.1 uses) with ajv-formats for date-time, uri and the like.
function loadAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

export interface ContractAnswer {
  method: string;
  /** The path as requested, without the query. */
  path: string;
  status: number;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
}

export interface ContractValidator {
  document: OpenApiDocument;
  /** undefined when the answer is in the contract, else what is wrong with it. */
  check(answer: ContractAnswer): string | undefined;
  /** Every answer outside the contract seen by `observe`. */
  violations: string[];
  /** Records a violation instead of throwing: for answers a test reads on its own (raw fetch, the browser). */
  observe(answer: ContractAnswer): void;
  /** A transport that refuses (throws on) any answer outside the contract. */
  transport(inner: HttpTransport): HttpTransport;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function createContractValidator(document: OpenApiDocument = buildOpenApiDocument()): ContractValidator {
  const ajv = loadAjv();
  ajv.addSchema(document as object, 'openapi');
  const templates = Object.entries(document.paths ?? {}).map(([template, ops]) => ({
    template,
    regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
    ops: ops as Record<string, Operation>,
  }));
  const schemaOf = (pointer: string) => {
    const validate = ajv.getSchema(`openapi#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return validate;
  };
  const validateBody = (pointer: string, body: unknown, what: string) => {
    const validate = schemaOf(pointer);
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`);
    return `${what}: body does not match the documented schema: ${errors.join('; ')}; body ${JSON.stringify(body)?.slice(0, 300)}`;
  };

  const check = ({ method, path: rawPath, status, body }: ContractAnswer): string | undefined => {
    const m = method.toLowerCase();
    const hit = templates.find((t) => t.regex.test(rawPath) && t.ops[m]);
    if (!hit) {
      // No such operation: the gateway's 404, in the error shape.
      if (status !== 404) return `${method} ${rawPath}: no documented operation, yet answered ${status}`;
      return validateBody('/components/schemas/ApiError', body, `${method} ${rawPath} → 404`);
    }
    const op = hit.ops[m];
    const what = `${op.operationId} (${method} ${rawPath}) → ${status}`;
    const response = op.responses[String(status)];
    if (!response) return `${what}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`;
    if (status === 500) return `${what}: a 500 is our bug, documented or not; body ${JSON.stringify(body)?.slice(0, 300)}`;
    if (!response.content?.['application/json']?.schema) return undefined;
    return validateBody(`/paths/${escapePointer(hit.template)}/${m}/responses/${status}/content/application~1json/schema`, body, what);
  };

  const violations: string[] = [];
  return {
    document,
    check,
    violations,
    observe: (answer) => {
      const problem = check(answer);
      if (problem) violations.push(problem);
    },
    transport: (inner) => async (req) => {
      const res = await inner(req);
      const problem = check({ method: req.method, path: new URL(req.url).pathname, status: res.status, body: res.body });
      if (problem) throw new Error(`Answer outside the API contract: ${problem}`);
      return res;
    },
  };
}

/** For the local server's `onResponse`: the raw answer as the contract check reads it. */
export function answerOf(r: { method: string; rawPath: string; status: number; body: Buffer }): ContractAnswer {
  const text = r.body.toString('utf8');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: checked as text, which no JSON schema of ours accepts
  }
  return { method: r.method, path: r.rawPath, status: r.status, body };
}
