/**
 * The prerendered marketing pages (ADR 0083) show what a signed-out visitor sees. Someone who may
 * be signed in — a session stored in this browser, or an auth redirect coming back — gets the SPA
 * instead, which renders the same page with their header, balance and "Go to your dashboard";
 * so does a visitor who signs in in another tab while the page is open. Anonymous visitors never
 * download the SPA.
 */
import { mayHaveSession, sessionStorageKey } from '@/lib/supabase-lazy';

/**
 * Starts the SPA over the page now if someone may be signed in (returns true), otherwise as soon
 * as another tab stores a session. `beforeTakeOver` lets an island unmount first.
 */
export function takeOverWhenSignedIn(beforeTakeOver: () => void = () => undefined): boolean {
  const root = document.getElementById('root');
  if (!root) throw new Error('A marketing page must contain <div id="root">.');
  const takeOver = () => {
    void import('@/app/start-app').then(({ startApp }) => {
      beforeTakeOver();
      return startApp(root, { replacing: true });
    });
  };
  if (mayHaveSession(sessionStorageKey)) {
    takeOver();
    return true;
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== sessionStorageKey || !event.newValue) return;
    window.removeEventListener('storage', onStorage);
    takeOver();
  };
  window.addEventListener('storage', onStorage);
  return false;
}
