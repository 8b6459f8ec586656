/**
 * `npm run bench -- <name>` runs bench/<name>/run.ts; without a name it lists the benchmarks.
 * Benchmarks are run by hand and print a table; they are not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = import.meta.dirname;
const available = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'run.ts')))
  .map((entry) => entry.name);

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 1 : 0);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, name, 'run.ts'), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
