import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { installTemplate } from '../lib/workflows/install-template';

/** POST /api/workflows/templates/:slug/install — hires the template's employees and saves it as a new workflow. */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'workflow-save', limit: 60, windowSeconds: 60, by: 'user' },
    params: z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/) }),
  },
  async ({ params, user, db }) => jsonResponse(await installTemplate(db, user, params.slug), { status: 201 }),
);

export const config: Config = { path: '/api/workflows/templates/:slug/install' };
