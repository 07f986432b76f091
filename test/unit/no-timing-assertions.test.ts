import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const testRoot = path.resolve(__dirname, '..');

/**
 * Reading the wall clock and subtracting an earlier reading: the start of an elapsed-time measurement, which has
 * no place in a test (speed lives in bench/). Subtracting a constant (`Date.now() - 3_600_000`, a date in the past
 * for test data) is not one.
 */
const ELAPSED_TIME = /(?:Date\.now|performance\.now)\(\)\s*-\s*[A-Za-z_$]|process\.hrtime/;

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : testSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('test sources', () => {
  it('when a test waits for something, then it asserts on what it waited for, never on elapsed wall-clock time', () => {
    const others = testSources(testRoot).filter((file) => file !== __filename);
    const found = others.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${path.relative(testRoot, file)}:${index + 1}` }))
        .filter(({ line }) => ELAPSED_TIME.test(line))
        .map(({ line, at }) => `${at}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('when a line measures elapsed time, then the check sees it; a fixed date in the past passes', () => {
    expect(ELAPSED_TIME.test('expect(Date.now() - started).toBeLessThan(1_000);')).toBe(true);
    expect(ELAPSED_TIME.test('const ms = performance.now() - t0;')).toBe(true);
    expect(ELAPSED_TIME.test('startedAt: new Date(Date.now() - 3_600_000),')).toBe(false);
  });
});
