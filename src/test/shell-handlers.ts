/**
 * What the signed-in app shell and the shared hooks read, for jsdom tests that render the whole
 * app: the header bell's unread count (none) and the user's settings (the defaults of a new
 * account, src/lib/user-settings.ts). Pass to `setupServer(...)` so they survive resetHandlers.
 */
import { http, HttpResponse } from 'msw';
import { defaultUserSettings } from '@/lib/user-settings';

export const signedInShellHandlers = [
  http.head('*/rest/v1/notifications', () => new HttpResponse(null, { headers: { 'content-range': '*/0' } })),
  http.get('*/rest/v1/user_settings', () => HttpResponse.json([defaultUserSettings])),
];
