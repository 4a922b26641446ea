/**
 * API-neutral error raised by stores, auth and handlers. Each API's error
 * handler turns it into its own wire format (OIC problem JSON, OCI error), so
 * store code never knows which API called it.
 */
export type ErrorKind =
  | 'badRequest'
  | 'missingParameter'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'methodNotAllowed'
  | 'conflict'
  | 'incorrectState'
  | 'preconditionFailed'
  | 'payloadTooLarge'
  | 'unsupportedMediaType'
  | 'tooManyRequests'
  | 'internal'
  | 'unavailable';

export const STATUS_OF: Record<ErrorKind, number> = {
  badRequest: 400,
  missingParameter: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  incorrectState: 409,
  preconditionFailed: 412,
  payloadTooLarge: 413,
  unsupportedMediaType: 415,
  tooManyRequests: 429,
  internal: 500,
  unavailable: 503,
};

export interface ApiErrorOptions {
  /** A short human title (OIC `title`); derived from the kind when absent. */
  title?: string;
  /** Override the HTTP status implied by the kind. */
  status?: number;
  /** Override the vendor code (OIC `o:errorCode` or OCI `code`). */
  code?: string;
  /** Seconds a client should wait (429/503). */
  retryAfter?: number;
  /** Extra fields merged into the wire body. */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The body could not be parsed at all (OCI: CannotParseRequest). */
  unparseable?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(readonly kind: ErrorKind, message: string, readonly options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = options.status ?? STATUS_OF[kind];
  }
}

export const badRequest = (msg: string, o?: ApiErrorOptions) => new ApiError('badRequest', msg, o);
export const missingParameter = (msg: string, o?: ApiErrorOptions) => new ApiError('missingParameter', msg, o);
export const unauthenticated = (msg: string, o?: ApiErrorOptions) => new ApiError('unauthenticated', msg, o);
export const forbidden = (msg: string, o?: ApiErrorOptions) => new ApiError('forbidden', msg, o);
export const notFound = (msg: string, o?: ApiErrorOptions) => new ApiError('notFound', msg, o);
export const conflict = (msg: string, o?: ApiErrorOptions) => new ApiError('conflict', msg, o);
export const incorrectState = (msg: string, o?: ApiErrorOptions) => new ApiError('incorrectState', msg, o);
export const preconditionFailed = (msg: string, o?: ApiErrorOptions) => new ApiError('preconditionFailed', msg, o);
export const tooManyRequests = (msg: string, o?: ApiErrorOptions) => new ApiError('tooManyRequests', msg, o);

/**
 * Map any thrown value (ours, Fastify's, a plugin's) to an ApiError, so the
 * per-API formatters only deal with one type. Unknown errors become 500 with
 * a generic message: no stack trace or internal text reaches the client.
 */
/** What an error message may say about the request that failed (content type, size, configured limit). */
export interface RequestFacts {
  contentType?: string;
  contentLength?: string;
  maxPayload?: number;
}

/** The facts of a Fastify request, for toApiError. */
export function factsOf(request: { headers: Record<string, string | string[] | undefined>; server?: { ctx?: { config?: { maxPayload: number } } } }): RequestFacts {
  const h = request.headers;
  return {
    contentType: typeof h['content-type'] === 'string' ? h['content-type'] : undefined,
    contentLength: typeof h['content-length'] === 'string' ? h['content-length'] : undefined,
    maxPayload: request.server?.ctx?.config?.maxPayload,
  };
}

const sizeText = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)}MB` : n % 1024 === 0 ? `${n / 1024}KB` : `${n} bytes`);

function tooLarge(facts: RequestFacts): string {
  const limit = facts.maxPayload !== undefined ? `the limit of ${sizeText(facts.maxPayload)}${facts.maxPayload % 1024 === 0 ? ` (${facts.maxPayload} bytes)` : ''}` : 'the payload limit';
  const size = facts.contentLength && /^\d+$/.test(facts.contentLength) ? ` of ${facts.contentLength} bytes` : '';
  return `Request body${size} exceeds ${limit}; start the emulator with --max-payload SIZE (e.g. --max-payload 50MB, or EMULATOR_MAX_PAYLOAD) to accept larger bodies`;
}

function unsupportedType(facts: RequestFacts): string {
  const ct = facts.contentType?.split(';')[0].trim();
  const got = ct ? `Unsupported Content-Type '${ct}'` : 'The request has a body but no Content-Type';
  const curl = ct === 'application/x-www-form-urlencoded' ? ` (curl -d sends ${ct}: add -H 'Content-Type: application/json')` : '';
  return `${got}: send JSON bodies with the header Content-Type: application/json${curl}; archive imports take multipart/form-data`;
}

export function toApiError(err: unknown, facts: RequestFacts = {}): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string; validation?: unknown[]; validationContext?: string };
  if (e && Array.isArray(e.validation)) {
    return badRequest(describeValidation(e.validation as ValidationIssue[], e.validationContext));
  }
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiError('payloadTooLarge', e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE'
        ? tooLarge(facts)
        : `Multipart request has too many parts: ${e.message}`, e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.code === 'FST_REQ_FILE_TOO_LARGE' ? {} : { status: 413 });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ApiError('unsupportedMediaType', unsupportedType(facts));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return badRequest('Body cannot be empty when Content-Type is application/json', { unparseable: true });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return badRequest('Content-Length does not match the body');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError('unsupportedMediaType', 'Expected a multipart/form-data request');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return badRequest('Malformed URL: the path is not valid percent-encoding (encode a literal % as %25)');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return badRequest('URI too long: a path segment is longer than the 1000 characters allowed', { status: 414 });
  }
  if (e?.code === 'JSON_PARSE' || err instanceof SyntaxError) return badRequest(`Malformed JSON body: ${e.message}`, { unparseable: true });
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const kind = (Object.keys(STATUS_OF) as ErrorKind[]).find((k) => STATUS_OF[k] === e.statusCode) ?? 'badRequest';
    return new ApiError(kind, e.message ?? 'Bad request', { status: e.statusCode });
  }
  return new ApiError('internal', 'An unexpected error occurred; see the emulator log for details');
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Validation problems named in one message (Ajv reports them all; a long list is cut here). */
export const MAX_VALIDATION_ISSUES = 10;

/** "body/name must be string" style messages that name the offending field; every problem at once, up to MAX_VALIDATION_ISSUES. */
export function describeValidation(issues: ValidationIssue[], context = 'body'): string {
  const lines = [...new Set(issues.map((v) => {
      let field = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      if (v.keyword === 'required' && v.params?.missingProperty) {
        field = field ? `${field}.${v.params.missingProperty}` : String(v.params.missingProperty);
        return `${context}.${field} is required`;
      }
      if (v.keyword === 'additionalProperties' && v.params?.additionalProperty) {
        const extra = field ? `${field}.${v.params.additionalProperty}` : String(v.params.additionalProperty);
        return `${context}.${extra} is not an allowed property`;
      }
      let msg = v.message ?? 'is invalid';
      if (v.keyword === 'enum' && Array.isArray(v.params?.allowedValues)) msg = `must be one of ${(v.params!.allowedValues as unknown[]).join(', ')}`;
      return `${context}${field ? '.' + field : ''} ${msg}`;
  }))];
  const more = lines.length - MAX_VALIDATION_ISSUES;
  return lines.slice(0, MAX_VALIDATION_ISSUES).join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
}
