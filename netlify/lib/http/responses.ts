/** Response builders: the JSON success body and the one error shape of DESIGN.md §6. */
import type { ApiErrorBody } from '../../../src/shared/api-error';
import type { ApiError } from './api-error';

export function jsonResponse(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}

export function errorResponse(error: ApiError, requestId: string): Response {
  const body: ApiErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
    },
  };
  return jsonResponse(body, { status: error.status, headers: error.headers });
}
