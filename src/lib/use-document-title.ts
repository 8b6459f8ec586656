import { useEffect } from 'react';

export const appName = 'AGI Agent Automation';

/** "<title> · AGI Agent Automation", or the app name and what it does (the landing page). */
export const documentTitle = (title?: string) =>
  title ? `${title} · ${appName}` : `${appName} — hire AI employees`;

/** Sets the tab title (the prerendered marketing pages carry the same one in their HTML). */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
}
