import { useEffect } from 'react';

export const appName = 'AGI Agent Automation';

/** Sets the tab title to "<title> · AGI Agent Automation" (or the app name alone). */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : `${appName} — hire AI employees`;
  }, [title]);
}
