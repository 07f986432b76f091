import { gunzipSync, gzipSync } from 'node:zlib';

import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import mongoose from 'mongoose';

/**
 * What the ETL loader knows of every stored job when a run ends, saved for the next run (collection `job_load_state`):
 * a head document naming the jobs data version it matches and its chunks, and the chunks (gzip of JSON rows). On
 * FerretDB reading these few documents costs a fraction of one pass over the jobs, which decodes every whole stored
 * posting (about 1 ms of the server's CPU each).
 *
 * It is only good for that exact version: every writer of jobs publishes a new version (readers depend on it too),
 * so a state saved before any other write is recognised as stale and the loader reads the jobs instead.
 */
@modelOptions({ schemaOptions: { collection: 'job_load_state', versionKey: false } })
export class JobLoadState {
  /** `head`, or `<generation>:<n>` for a chunk. */
  @prop({ type: String, required: true })
  _id!: string;

  /** Head: the jobs data version the state matches. */
  @prop({ type: Number })
  version?: number;

  /** Head: the generation of its chunks, and how many there are. */
  @prop({ type: String })
  generation?: string;

  @prop({ type: Number })
  chunks?: number;

  /** Chunk: gzip of the JSON array of its rows. */
  @prop({ type: Buffer })
  rows?: Buffer;
}

export const JobLoadStateModel = getModelForClass(JobLoadState);

const HEAD = 'head';
/** Rows per chunk: a chunk stays far below the 16 MB document limit even with long rows. */
const ROWS_PER_CHUNK = 10_000;

/**
 * The rows saved for `version`, or null when what is saved matches another version (or is incomplete).
 *
 * @param version - the jobs data version read before this call
 */
export async function readJobLoadState(version: number): Promise<unknown[][] | null> {
  const head = await JobLoadStateModel.findById(HEAD).lean();
  if (!head || head.version !== version || !head.generation || head.chunks === undefined) return null;
  const rows: unknown[][] = [];
  for (let n = 0; n < head.chunks; n++) {
    const chunk = await JobLoadStateModel.findById(`${head.generation}:${n}`).lean();
    if (!chunk?.rows) return null;
    const bytes = Buffer.isBuffer(chunk.rows)
      ? chunk.rows
      : Buffer.from((chunk.rows as unknown as mongoose.mongo.Binary).buffer);
    rows.push(...(JSON.parse(gunzipSync(bytes).toString('utf8')) as unknown[][]));
  }
  return rows;
}

/**
 * Saves `rows` as the state at `version`: the chunks first, then the head that names them, then the former chunks
 * are deleted (by `_id`). A reader in between finds either the former state whole or the new one.
 *
 * @param version - the jobs data version the rows match
 * @param rows - one JSON array per job
 * @param generation - unique for this call
 */
export async function writeJobLoadState(
  version: number,
  rows: readonly unknown[][],
  generation: string,
): Promise<void> {
  const former = await JobLoadStateModel.findById(HEAD).lean();
  const chunks = Math.ceil(rows.length / ROWS_PER_CHUNK);
  for (let n = 0; n < chunks; n++) {
    const slice = rows.slice(n * ROWS_PER_CHUNK, (n + 1) * ROWS_PER_CHUNK);
    await JobLoadStateModel.create({
      _id: `${generation}:${n}`,
      rows: gzipSync(JSON.stringify(slice), { level: 1 }),
    });
  }
  await JobLoadStateModel.replaceOne({ _id: HEAD }, { version, generation, chunks }, { upsert: true });
  await dropChunks(former);
}

/** Forgets the saved state (the next run reads the jobs). */
export async function clearJobLoadState(): Promise<void> {
  const former = await JobLoadStateModel.findById(HEAD).lean();
  await JobLoadStateModel.deleteOne({ _id: HEAD });
  await dropChunks(former);
}

async function dropChunks(head: JobLoadState | null): Promise<void> {
  if (!head?.generation || head.chunks === undefined) return;
  for (let n = 0; n < head.chunks; n++) await JobLoadStateModel.deleteOne({ _id: `${head.generation}:${n}` });
}
