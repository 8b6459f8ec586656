/**
 * The scheduled `run-sweeper` function as Netlify runs it: it recovers an attempt whose worker
 * died (lease expired) and dispatches a worker to the site's own background function, with the
 * dispatch token. (The dispatched body is not run here: a worker dispatched by the sweeper claims
 * any run's steps, and other test files' runs share this database; engine.test.ts runs the
 * worker function itself.)
 */
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import runSweeper from '../../../netlify/functions/run-sweeper.mjs';
import { dispatchHeader, dispatchToken, workerPath } from '../../../netlify/lib/runs/dispatch';
import { serverEnv } from '../../../netlify/lib/env';
import { withEnv } from '../http/helpers';
import { newCaller, testDb } from '../llm/harness';
import { drain, engine, hiredMember, runOf, startRun, stepsOf, usageOf } from './harness';

afterAll(async () => {
  await testDb().end();
});

describe('run-sweeper', () => {
  it('recovers a dead attempt, charges it once, dispatches a worker with the token; the retry finishes the run', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const member = await hiredMember(caller);
    const response = await startRun(caller, { task: 'Write the FAQ.', employee_ids: [member.id] });
    const { run } = (await response.json()) as { run: { id: string } };
    // The plan's worker dies after the provider answered, with a lease that is already over.
    await drain(
      engine({
        runIds: [run.id],
        leaseMs: 1,
        beforeFinish: () => {
          throw new Error('worker killed');
        },
      }),
      1,
    );
    expect((await stepsOf(run.id))[0]).toMatchObject({ key: 'plan', status: 'running' });

    // The site: receives the dispatch and answers 202, as Netlify does.
    const dispatches: Array<{ authorized: boolean; body: string }> = [];
    const site = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        dispatches.push({ authorized: req.headers[dispatchHeader] === dispatchToken(serverEnv()), body });
        expect(req.url).toBe(workerPath);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const { port } = site.address() as { port: number };
    try {
      await withEnv({ APP_URL: `http://127.0.0.1:${port}` }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect((await runSweeper()).status).toBe(204);
        expect(dispatches.length).toBeGreaterThanOrEqual(1);
        expect(dispatches.every((d) => d.authorized)).toBe(true);
      });
    } finally {
      site.close();
    }
    // The retry is due after its 1 s backoff.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await drain(engine({ runIds: [run.id] }));
    expect((await stepsOf(run.id)).map((s) => [s.key, s.status, s.attempt])).toEqual([
      ['plan', 'completed', 2],
      ['contribution-1', 'completed', 1],
      ['synthesis', 'completed', 1],
    ]);
    // The dead attempt is charged once, estimated from the text it had logged (its first delta).
    const dead = (await usageOf(run.id)).find((u) => u.request_id.endsWith(':plan:attempt:1'));
    expect(dead).toMatchObject({ status: 'error', estimated: true });
    expect(dead!.credits_charged).toBeGreaterThan(0);
    expect(await runOf(run.id)).toMatchObject({ status: 'completed', closed: true });
  });
});
