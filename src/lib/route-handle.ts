/**
 * What a route tells the frame around it (react-router's `handle`): an app-like page (the chat)
 * fills the window below the header, scrolls its own panes and has no site footer under it.
 */
import type { UIMatch } from 'react-router';

export interface RouteHandle {
  appShell?: boolean;
}

export const wantsAppShell = (matches: readonly UIMatch[]) =>
  matches.some((match) => (match.handle as RouteHandle | undefined)?.appShell === true);
