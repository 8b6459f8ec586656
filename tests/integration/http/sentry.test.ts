/**
 * 5xx errors reach Sentry, scrubbed, when SENTRY_DSN is set. The DSN points at a local HTTP server
 * standing in for Sentry's ingest endpoint, which records the envelopes the SDK sends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../netlify/lib/http/api-error';
import { defineHandler } from '../../../netlify/lib/http/define-handler';
import { apiRequest, mintToken, netlifyContext, withEnv } from './helpers';

const envelopes: string[] = [];
let server: http.Server;
let dsn: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dsn = `http://publickey@127.0.0.1:${(server.address() as AddressInfo).port}/42`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Sentry reporting', () => {
  it('reports a 5xx with its request id and user id, without emails or tokens', async () => {
    const userId = crypto.randomUUID();
    const token = await mintToken({ sub: userId, email: 'grace@example.com' });
    const failing = defineHandler({ method: 'GET', auth: 'user' }, async ({ user }) => {
      throw new Error(`insert failed for ${user.email} using ${user.accessToken} and sk_live_abc123`);
    });
    await withEnv({ SENTRY_DSN: dsn }, async () => {
      const response = await failing(apiRequest('/api/fail', { token }), netlifyContext());
      expect(response.status).toBe(500);
      const requestId = response.headers.get('x-request-id') as string;

      const event = envelopes.find((envelope) => envelope.includes(requestId));
      expect(event).toBeDefined();
      expect(event).toContain('insert failed for [email] using [jwt] and [stripe-key]');
      expect(event).toContain('"environment":"dev"');
      expect(event).toContain(`"user":{"id":"${userId}"}`);
      expect(event).not.toContain('grace@example.com');
      expect(event).not.toContain(token);
      expect(event).not.toContain('sk_live_abc123');
    });
  });

  it('does not report client errors', async () => {
    const before = envelopes.length;
    const refusing = defineHandler({ method: 'GET', auth: 'none' }, async () => {
      throw new ApiError('NOT_FOUND', 'No such thing.');
    });
    await withEnv({ SENTRY_DSN: dsn }, async () => {
      const response = await refusing(apiRequest('/api/missing'), netlifyContext());
      expect(response.status).toBe(404);
    });
    expect(envelopes.length).toBe(before);
  });
});
