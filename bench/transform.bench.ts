import { parseItem } from '../src/etl/transform';
import { generateItems, loadSampleItems } from '../test/support/usajobs-fixtures';
import { report, rssMiB } from './bench-support';

/** Parsing throughput: the real samples (with their 1,176-location items) and generated volume. */
async function main(): Promise<void> {
  const samples = loadSampleItems();
  const generated = generateItems(Number(process.env.BENCH_ITEMS ?? 20_000), { seed: 3 });
  const rounds = 20;
  let parsed = 0;
  const start = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const item of samples) if (parseItem(item).ok) parsed += 1;
  }
  const samplesMs = performance.now() - start;
  const genStart = performance.now();
  for (const item of generated) if (parseItem(item).ok) parsed += 1;
  const generatedMs = performance.now() - genStart;
  report('transform', {
    sampleItemsParsed: samples.length * rounds,
    samplesMs: Math.round(samplesMs),
    sampleItemsPerSecond: Math.round((samples.length * rounds) / (samplesMs / 1000)),
    generatedItemsParsed: generated.length,
    generatedMs: Math.round(generatedMs),
    generatedItemsPerSecond: Math.round(generated.length / (generatedMs / 1000)),
    parsedOk: parsed,
    rssMiB: rssMiB(),
  });
}

void main();
