import { rmSync } from 'node:fs';

import type { EmbeddedDb } from '../../src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __TEST_DB__?: EmbeddedDb }).__TEST_DB__;
  await db?.stop();
  if (process.env.TEST_DB_DATA_DIR) rmSync(process.env.TEST_DB_DATA_DIR, { recursive: true, force: true });
}
