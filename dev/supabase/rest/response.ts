/** Status and headers of successful responses (Response.hs, RangeQuery.hs). */
import type { ServerResponse } from 'node:http';
import type { RestError } from './errors';

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function sendResponse(res: ServerResponse, response: RestResponse, head: boolean): void {
  const body = head ? '' : response.body;
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(Buffer.byteLength(response.body)),
  });
  res.end(body);
}

export function errorResponse(error: RestError): RestResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'proxy-status': `PostgREST; error=${error.code}`,
      ...(error.status === 401 && !error.headers['www-authenticate'] ? { 'www-authenticate': 'Bearer' } : {}),
      ...error.headers,
    },
    body: JSON.stringify(error.body),
  };
}

/** `first-last/total` with `*` for an empty page or an unknown total. */
export function contentRange(offset: number, pageTotal: number, total: number | undefined): string {
  const range = pageTotal > 0 ? `${offset}-${offset + pageTotal - 1}` : '*';
  return `${range}/${total ?? '*'}`;
}

/** 200, or 206 when a counted page is smaller than the total (416 is raised before this). */
export function rangeStatus(pageTotal: number, total: number | undefined): number {
  if (total === undefined) return 200;
  return pageTotal < total ? 206 : 200;
}
