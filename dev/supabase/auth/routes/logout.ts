/**
 * POST /logout?scope=global|local|others (`internal/api/logout.go`): deletes sessions (and with
 * them their refresh tokens). Access tokens already issued stay valid for PostgREST until they
 * expire, as in production; the Auth API itself refuses them from now on (session_not_found).
 */
import { inTransaction } from '../db';
import { badRequest } from '../errors';
import { requireUser } from '../request-auth';
import type { RouteHandler } from '../request';
import { noContent } from '../respond';
import { endSessions, type LogoutScope } from '../sessions';

const SCOPES = new Set<string>(['global', 'local', 'others']);

export const logout: RouteHandler = async (request, services) => {
  const scope = request.query.get('scope') ?? 'global';
  if (!SCOPES.has(scope)) throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await requireUser(services.pool, request.headers, services);
  await inTransaction(services.pool, (db) => endSessions(db, user.id, scope as LogoutScope, sessionId));
  return noContent();
};
