import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../src/db/database';
import { startEmbeddedDb } from '../../src/db/embedded';
import { runningOwner, startOwnedEmbeddedDb } from '../../src/db/embedded-owner';
import { silentLogger } from '../support/logger';

jest.setTimeout(60_000);

/** Starting the embedded server: each way it can fail has its own code, and processes on one DATA_DIR share it. */
describe('the embedded database on a data directory', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-embedded-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when another server holds the data directory, then a second one fails with EMBEDDED_DB_DATA_DIR_IN_USE', async () => {
    const first = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    try {
      await expect(startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() })).rejects.toMatchObject({
        code: 'EMBEDDED_DB_DATA_DIR_IN_USE',
        message: expect.stringMatching(/in use by another database server/),
      });
    } finally {
      await first.stop();
    }
  });

  it('when the port is taken, then the server fails with EMBEDDED_DB_CANNOT_LISTEN', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedDb({ dataDir, port, logger: silentLogger() })).rejects.toMatchObject({
        code: 'EMBEDDED_DB_CANNOT_LISTEN',
        message: expect.stringContaining(`127.0.0.1:${port}`),
      });
    } finally {
      squatter.close();
    }
  });

  it('when the data directory cannot be created, then the server fails with EMBEDDED_DB_DATA_DIR_NOT_WRITABLE', async () => {
    // A path below a regular file: no directory can be made there, whatever the user's rights (tests may run as root).
    const file = path.join(dataDir, 'a-file');
    writeFileSync(file, '');
    await expect(
      startEmbeddedDb({ dataDir: path.join(file, 'data'), port: 0, logger: silentLogger() }),
    ).rejects.toMatchObject({ code: 'EMBEDDED_DB_DATA_DIR_NOT_WRITABLE' });
  });

  it('when a process of ours runs the server, then another process opening the same DATA_DIR joins it', async () => {
    const owner = await startOwnedEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    try {
      expect(await runningOwner(dataDir)).toEqual({ pid: process.pid, uri: owner.uri });
      const joined = await openDatabase({ DATA_DIR: dataDir }, silentLogger());
      expect({ uri: joined.uri, embedded: joined.embedded }).toEqual({ uri: owner.uri, embedded: false });
      await joined.close();
    } finally {
      await owner.stop();
    }
    expect(existsSync(path.join(dataDir, 'embedded.json'))).toBe(false);
    expect(await runningOwner(dataDir)).toBeUndefined();
  });

  it('when a server that does not say where it listens holds DATA_DIR, then opening it fails saying to set MONGO_URI', async () => {
    const unannounced = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    try {
      await expect(
        openDatabase({ DATA_DIR: dataDir }, silentLogger(), { joinWaitMs: 300 }),
      ).rejects.toMatchObject({
        code: 'EMBEDDED_DB_DATA_DIR_IN_USE',
        message: expect.stringMatching(/does not say where it listens: set MONGO_URI to that server's URI/),
      });
    } finally {
      await unannounced.stop();
    }
  });
});
