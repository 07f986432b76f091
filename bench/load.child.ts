import 'reflect-metadata';

import mongoose from 'mongoose';

import { connect, disconnect } from '../src/db/connection';
import { contentHash, JobLoader } from '../src/etl/load';
import { type JobData, parseItem } from '../src/etl/transform';
import { JobModel } from '../src/models/job.model';
import { loadSampleItems } from '../test/support/usajobs-fixtures';
import { generatePostings } from './postings';
import { childMain } from './support';

/** The transform and the load stage on their own, and the raw driver doing the load's writes (the floor). */
export interface LoadTask {
  uri: string;
  dbName: string;
  /** FerretDB (embedded or at MONGO_URI): writes go in commands of fewer than 100 statements. */
  ferret: boolean;
  fitting: number;
  seed: number;
  today: string;
}

export interface LoadResult {
  /** parseItem over the generated postings. */
  transformPerS: number;
  /** parseItem over the 61 real samples (with their 673- and 1,176-place items), 20 rounds. */
  samplesPerS: number;
  jobs: number;
  /** The load stage as a run drives it (one JobLoader, page by page) into an empty collection. */
  loadMs: number;
  /** The raw driver upserting the same documents, prepared beforehand, into an empty collection. */
  floorMs: number;
  /** The raw driver inserting the same documents (insertMany, unordered): the cheapest write there is. */
  insertMs: number;
  floorBatch: number;
  stored: { load: number; floor: number; insert: number };
}

/** Jobs per page of a run: the ETL loads what one 500-item USAJOBS page kept. */
const PAGE = 500;

/** Sent as each part finishes, so a child stopped by its time limit still reports the parts it did. */
export type LoadPartial = Partial<Pick<LoadResult, 'transformPerS' | 'samplesPerS' | 'loadMs' | 'floorMs'>>;

async function run(task: LoadTask, report: (partial: LoadPartial) => void): Promise<LoadResult> {
  const { items } = generatePostings({
    fitting: task.fitting,
    notFitting: 0,
    seed: task.seed,
    today: task.today,
  });
  const samples = loadSampleItems();

  const transformStarted = performance.now();
  const jobs: JobData[] = [];
  for (const item of items) {
    const parsed = parseItem(item);
    if (parsed.ok) jobs.push(parsed.job);
  }
  const transformMs = performance.now() - transformStarted;
  const samplesStarted = performance.now();
  for (let round = 0; round < 20; round++) for (const item of samples) parseItem(item);
  const samplesMs = performance.now() - samplesStarted;
  const transformPerS = Math.round(items.length / (transformMs / 1000));
  const samplesPerS = Math.round((samples.length * 20) / (samplesMs / 1000));
  report({ transformPerS, samplesPerS });

  await connect(task.uri, { dbName: task.dbName });
  try {
    await JobModel.init();
    const db = mongoose.connection.db;
    if (!db) throw new Error('not connected');
    const seenAt = new Date();

    const loadStarted = performance.now();
    const loader = await JobLoader.open(seenAt);
    for (let start = 0; start < jobs.length; start += PAGE)
      await loader.load(jobs.slice(start, start + PAGE));
    const loadMs = performance.now() - loadStarted;
    report({ loadMs: Math.round(loadMs) });

    // The floor writes what the load stored, into a collection with the same indexes.
    const docs = jobs.map((job) => ({
      ...job,
      contentHash: contentHash(job),
      firstSeenAt: seenAt,
      lastSeenAt: seenAt,
    }));
    const floor = db.collection<{ _id: string }>('jobs_floor');
    for (const index of await db.collection('jobs').indexes()) {
      if (index.name !== '_id_') await floor.createIndex(index.key, { name: index.name });
    }
    // FerretDB 1.24 never answers an update of 100 or more statements (see src/etl/load.ts).
    const floorBatch = task.ferret ? 90 : 1_000;
    const floorStarted = performance.now();
    for (let start = 0; start < docs.length; start += floorBatch) {
      await floor.bulkWrite(
        docs.slice(start, start + floorBatch).map(({ _id, ...fields }) => ({
          updateOne: { filter: { _id }, update: { $set: fields }, upsert: true },
        })),
        { ordered: false },
      );
    }
    const floorMs = performance.now() - floorStarted;
    report({ floorMs: Math.round(floorMs) });

    const inserted = db.collection<{ _id: string }>('jobs_insert');
    for (const index of await db.collection('jobs').indexes()) {
      if (index.name !== '_id_') await inserted.createIndex(index.key, { name: index.name });
    }
    const insertStarted = performance.now();
    for (let start = 0; start < docs.length; start += floorBatch) {
      await inserted.insertMany(docs.slice(start, start + floorBatch), { ordered: false });
    }
    const insertMs = performance.now() - insertStarted;

    return {
      transformPerS,
      samplesPerS,
      jobs: jobs.length,
      loadMs: Math.round(loadMs),
      floorMs: Math.round(floorMs),
      insertMs: Math.round(insertMs),
      floorBatch,
      stored: {
        load: await db.collection('jobs').countDocuments(),
        floor: await floor.countDocuments(),
        insert: await inserted.countDocuments(),
      },
    };
  } finally {
    await disconnect();
  }
}

childMain(run);
