import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm run bench [-- name ...]`: runs each benchmark in a process of its own, one after the other. */
const ALL = ['transform', 'etl', 'api-load'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of chosen) {
  if (!ALL.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}"; choose from ${ALL.join(', ')}\n`);
    process.exit(1);
  }
  process.stderr.write(`== ${name}\n`);
  const run = spawnSync(process.execPath, [path.join(__dirname, `${name}.bench.js`)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
