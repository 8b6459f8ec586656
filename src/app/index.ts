// What features may use from the app shell.
export { RequireAdmin } from './require-admin';
export { RequireAuth } from './require-auth';
export { SessionProvider, useSession, type SessionState, type SessionStatus } from './session';
