import type { IncomingHttpHeaders } from 'node:http';
import type { Body } from './body';
import type { Reply } from './respond';
import type { AuthServices } from './services';
import type { ClientInfo } from './sessions';

/** One request to the Auth API, prefix already stripped (`/signup`, `/admin/users/<id>`…). */
export interface AuthRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  client: ClientInfo;
  /** Path parameters of the matched route, e.g. `{ id }` for /admin/users/:id. */
  params: Record<string, string>;
  /** The parsed JSON or form body (read on first call). */
  body(): Promise<Body>;
}

export type RouteHandler = (request: AuthRequest, services: AuthServices) => Promise<Reply>;
