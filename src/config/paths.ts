/**
 * Every route of the SPA, as a pattern for the router (`path`) and a typed builder for links
 * (`getHref`). Links are always built here so that renaming a route is a one-file change and a
 * wrong parameter is a type error, not a broken link.
 */

const withQuery = (path: string, query: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

const segment = (value: string) => encodeURIComponent(value);

export interface MarketplaceQuery {
  q?: string;
  category?: string;
  sort?: string;
  page?: number;
}

export const paths = {
  home: { path: '/', getHref: () => '/' },
  pricing: { path: '/pricing', getHref: () => '/pricing' },

  marketplace: {
    path: '/marketplace',
    getHref: (query: MarketplaceQuery = {}) => withQuery('/marketplace', { ...query }),
  },
  employee: {
    path: '/marketplace/:slug',
    getHref: (slug: string) => `/marketplace/${segment(slug)}`,
  },

  signIn: {
    path: '/sign-in',
    /** `next` is where to go after signing in; only same-site paths are honoured. */
    getHref: (next?: string) => withQuery('/sign-in', { next }),
  },
  signUp: { path: '/sign-up', getHref: (next?: string) => withQuery('/sign-up', { next }) },
  forgotPassword: { path: '/forgot-password', getHref: () => '/forgot-password' },
  resetPassword: { path: '/reset-password', getHref: () => '/reset-password' },

  dashboard: { path: '/dashboard', getHref: () => '/dashboard' },
  workforce: { path: '/workforce', getHref: () => '/workforce' },

  chat: { path: '/chat', getHref: () => '/chat' },
  chatSession: { path: '/chat/:sessionId', getHref: (sessionId: string) => `/chat/${segment(sessionId)}` },

  teamRuns: { path: '/team-runs', getHref: () => '/team-runs' },
  teamRun: { path: '/team-runs/:runId', getHref: (runId: string) => `/team-runs/${segment(runId)}` },

  workflows: { path: '/workflows', getHref: () => '/workflows' },
  workflow: {
    path: '/workflows/:workflowId',
    getHref: (workflowId: string) => `/workflows/${segment(workflowId)}`,
  },
  workflowRun: {
    path: '/workflows/:workflowId/runs/:runId',
    getHref: (workflowId: string, runId: string) =>
      `/workflows/${segment(workflowId)}/runs/${segment(runId)}`,
  },

  billing: { path: '/billing', getHref: () => '/billing' },
  settings: { path: '/settings', getHref: () => '/settings' },

  support: { path: '/support', getHref: () => '/support' },
  supportTicket: {
    path: '/support/tickets/:ticketId',
    getHref: (ticketId: string) => `/support/tickets/${segment(ticketId)}`,
  },
  faq: { path: '/faq', getHref: () => '/faq' },
  contact: { path: '/contact', getHref: () => '/contact' },

  blog: { path: '/blog', getHref: () => '/blog' },
  blogPost: { path: '/blog/:slug', getHref: (slug: string) => `/blog/${segment(slug)}` },

  admin: { path: '/admin', getHref: () => '/admin' },
  adminRevenue: { path: '/admin/revenue', getHref: () => '/admin/revenue' },
  adminUsage: { path: '/admin/usage', getHref: () => '/admin/usage' },
  adminWebhooks: { path: '/admin/webhooks', getHref: () => '/admin/webhooks' },
  adminUsers: { path: '/admin/users', getHref: () => '/admin/users' },
  adminUser: { path: '/admin/users/:userId', getHref: (userId: string) => `/admin/users/${segment(userId)}` },
  adminCatalog: { path: '/admin/catalog', getHref: () => '/admin/catalog' },
  adminPrices: { path: '/admin/prices', getHref: () => '/admin/prices' },
  adminSupport: { path: '/admin/support', getHref: () => '/admin/support' },
  adminSupportTicket: {
    path: '/admin/support/tickets/:ticketId',
    getHref: (ticketId: string) => `/admin/support/tickets/${segment(ticketId)}`,
  },
} as const;

/**
 * Returns `next` if it is a path on this site, otherwise the fallback. Guards the `?next=`
 * parameter of the sign-in flow against open redirects (`//evil.example`, `https://…`).
 */
export function safeNextPath(next: string | null | undefined, fallback: string = paths.dashboard.getHref()) {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
