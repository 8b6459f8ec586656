/**
 * PostgREST's error body `{code,message,details,hint}` and its HTTP status rules (Error.hs v14.12,
 * reference §1.12): PGRST codes for request errors, SQLSTATE → status for database errors.
 */
import type { DatabaseError } from 'pg';

export interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
  hint: string | null;
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly hint: string | null = null,
    /** Extra response headers, e.g. WWW-Authenticate for JWT errors. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }

  get body(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }

  static parse(message: string, details: string): RestError {
    return new RestError(400, 'PGRST100', message, details);
  }

  static invalidJson(message = 'Empty or invalid json'): RestError {
    return new RestError(400, 'PGRST102', message);
  }

  static unknownColumn(column: string, relation: string): RestError {
    return new RestError(
      400,
      'PGRST204',
      `Could not find the '${column}' column of '${relation}' in the schema cache`,
    );
  }

  static notSingular(rows: number): RestError {
    return new RestError(
      406,
      'PGRST116',
      'Cannot coerce the result to a single JSON object',
      `The result contains ${rows} rows`,
    );
  }

  static unsupportedMethod(method: string): RestError {
    return new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
  }
}

/** HTTP status for a SQLSTATE, as PostgREST's `pgErrorStatus`; `authenticated` = role ≠ anon. */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
  switch (code) {
    case '23505':
    case '23503':
      return 409;
    case '42501':
      return authenticated ? 403 : 401;
    case '25006':
      return 405;
    case '42883':
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return /^role ".*" does not exist$/.test(message) ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
  }
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status < 600 ? status : 500;
  }
  const statusByClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return statusByClass[code.slice(0, 2)] ?? 400;
}

/** Turns an error raised by Postgres into PostgREST's response. */
export function fromDatabaseError(error: DatabaseError, authenticated: boolean): RestError {
  const code = error.code ?? 'XX000';
  // RAISE SQLSTATE 'PGRST' with JSON message/detail: full control over the response (errors.rst).
  if (code === 'PGRST') {
    const custom = customRaise(error);
    if (custom) return custom;
  }
  const status = statusForSqlState(code, error.message, authenticated);
  return new RestError(status, code, error.message, error.detail ?? null, error.hint ?? null);
}

function customRaise(error: DatabaseError): RestError | undefined {
  try {
    const body = JSON.parse(error.message) as Partial<ErrorBody>;
    const meta = JSON.parse(error.detail ?? '{}') as { status?: number; headers?: Record<string, string> };
    if (typeof body.code !== 'string' || typeof body.message !== 'string') return undefined;
    return new RestError(
      meta.status ?? 400,
      body.code,
      body.message,
      body.details ?? null,
      body.hint ?? null,
      meta.headers ?? {},
    );
  } catch {
    return undefined;
  }
}
