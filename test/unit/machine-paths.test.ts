import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * An absolute path into a home, a root account or a shared work tree: it names one machine and means nothing in a
 * clone. Built from parts so that this file does not match itself; the path of a URL is not one.
 */
const MACHINE_PATH = new RegExp(`(?<![\\w.:/-])/(?:${['work', 'root', 'home', 'Users'].join('|')})/`);

/** The lock file holds registry URLs only; it is written by npm, not by us. */
const SKIPPED = new Set(['package-lock.json']);

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !SKIPPED.has(file));
}

describe('tracked files', () => {
  it('when any tracked text file is read, then it holds no absolute path of a machine (cite docs by repository path)', () => {
    const files = trackedFiles();
    expect(files).toContain('docs/usajobs-api.md');
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      if (text.includes('\0')) continue;
      text.split('\n').forEach((line, index) => {
        if (MACHINE_PATH.test(line)) found.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('when a line cites a machine path, then the check sees it; a URL path or a relative path passes', () => {
    const home = ['', 'home', 'someone', 'notes.md'].join('/');
    const work = ['', 'work', 'shared', 'usajobs', 'API.md'].join('/');
    expect(MACHINE_PATH.test(`see ${work} §6`)).toBe(true);
    expect(MACHINE_PATH.test(`(${home})`)).toBe(true);
    expect(MACHINE_PATH.test('see docs/usajobs-api.md §5')).toBe(false);
    expect(MACHINE_PATH.test(['https://www.example.gov', 'home', 'index.html'].join('/'))).toBe(false);
  });
});
