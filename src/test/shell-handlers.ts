/**
 * What the signed-in app shell itself reads, for jsdom tests that render the whole app: the
 * header bell's unread count (none). Pass to `setupServer(...)` so they survive resetHandlers.
 */
import { http, HttpResponse } from 'msw';

export const signedInShellHandlers = [
  http.head('*/rest/v1/notifications', () => new HttpResponse(null, { headers: { 'content-range': '*/0' } })),
];
