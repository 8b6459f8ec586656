// The session and the route guards: features use these; the app shell mounts SessionProvider.
export { RequireAdmin } from './require-admin';
export { RequireAuth } from './require-auth';
export {
  SessionProvider,
  SignedOutSession,
  useSession,
  type SessionState,
  type SessionStatus,
} from './session';
