/** GET /api/health through the real function entry file. */
import { afterAll, describe, expect, it } from 'vitest';
import health, { config } from '../../../netlify/functions/health.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { apiRequest, closedDatabaseUrl, netlifyContext, readError, withEnv } from './helpers';

afterAll(() => closeDbPools());

describe('GET /api/health', () => {
  it('is routed at /api/health', () => {
    expect(config.path).toBe('/api/health');
  });

  it('200 when the database and the limiter answer', async () => {
    const response = await health(apiRequest('/api/health'), netlifyContext());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      limiter: 'ok',
      version: 'test-deploy',
    });
  });

  it('503 naming the failed dependencies when the database is unreachable', async () => {
    await withEnv({ DATABASE_URL: await closedDatabaseUrl() }, async () => {
      const response = await health(apiRequest('/api/health'), netlifyContext());
      expect(response.status).toBe(503);
      const error = await readError(response);
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.details).toEqual({
        status: 'unavailable',
        database: 'failed',
        limiter: 'failed',
        version: 'test-deploy',
      });
    });
  });

  it('405 for other methods', async () => {
    const response = await health(apiRequest('/api/health', { method: 'POST' }), netlifyContext());
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
  });
});
