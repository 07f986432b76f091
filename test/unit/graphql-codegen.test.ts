import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs GraphQL Code Generator with codegen.yml into memory (no file is written). In a child process because some
 * of its plugins' dependencies are ES modules, which jest's CommonJS runtime cannot load.
 */
const GENERATE_IN_MEMORY = `
const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
loadCodegenConfig({ configFilePath: 'codegen.yml' })
  .then(({ config }) => generate({ ...config, cwd: process.cwd(), silent: true }, false))
  .then((outputs) => process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content })))))
  .catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

describe('test/generated (typed documents of the test operations)', () => {
  it('when codegen runs on the committed schema and operations, then its output equals the committed file (run `npm run codegen`)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', GENERATE_IN_MEMORY], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const outputs = JSON.parse(stdout) as { filename: string; content: string }[];
    expect(outputs.map((o) => path.relative(ROOT, path.resolve(ROOT, o.filename)))).toEqual([
      path.join('test', 'generated', 'graphql.ts'),
    ]);
    for (const output of outputs) {
      expect(readFileSync(path.resolve(ROOT, output.filename), 'utf8')).toBe(output.content);
    }
  });
});
