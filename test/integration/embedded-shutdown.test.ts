import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../src/db/database';
import { captureLogger } from '../support/logger';
import { launcherPids, waitFor } from '../support/service-process';

jest.setTimeout(90_000);

describe('the embedded database supervisor during shutdown', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-supervisor-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when the server dies before shutdown it is restarted; once shutdown began, it is not', async () => {
    const { logger, lines } = captureLogger('info');
    const db = await openDatabase({ DATA_DIR: dataDir }, logger);
    try {
      expect(db.embedded).toBe(true);
      const [first] = launcherPids(dataDir);
      process.kill(first!, 'SIGKILL');
      await waitFor(async () => lines.some((line) => line.msg === 'embedded database restarted'));
      const [second] = launcherPids(dataDir);
      expect(second).not.toBe(first);

      db.beginShutdown();
      process.kill(second!, 'SIGKILL');
      await waitFor(async () =>
        lines.some((line) => line.msg === 'embedded database exited during shutdown; not restarted'),
      );
      expect(launcherPids(dataDir)).toEqual([]);
      expect(lines.filter((line) => line.msg === 'embedded database restarted')).toHaveLength(1);
    } finally {
      await db.close();
    }
    expect(launcherPids(dataDir)).toEqual([]);
  });
});
