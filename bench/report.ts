import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  DETAIL_FIGURES,
  type FigureDef,
  type FigureSummary,
  KEY_FIGURES,
  meets,
  type Samples,
} from './figures';

/** What RESULTS.md says about the run besides the figures. */
export interface Meta {
  mode: 'full' | 'quick';
  /** Only these stages ran (`npm run bench -- reads`): the files go to .bench-build/, never bench/. */
  only?: string;
  date: string;
  commit: string;
  wallS: number;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    loadAverage: { start: number[]; end: number[] };
  };
  versions: { node: string; server: string; mongoose: string };
  backend: string;
  sizes: { main: number; small: number; rss: number };
  reads: { queries: number; capS: number; byId: number };
  api: { durationS: number; connections: number };
  /** Wall time of each repetition of each stage, seconds. */
  stages: Record<string, number[]>;
  stageNotes: Record<string, string[]>;
}

/** The repository's bench/ folder, from the compiled copy of this file (.bench-build/bench/). */
const BENCH_DIR = path.resolve(__dirname, '..', '..', 'bench');
const QUICK_DIR = path.resolve(__dirname, '..', 'quick');

/**
 * Writes RESULTS.md and results.json: into bench/ for a full run, into .bench-build/quick/ for a quick one (its
 * small sizes must not pass for the real figures), into .bench-build/<mode>-<stages>/ when only some stages ran.
 *
 * @returns the files written
 */
export async function writeResults(mode: Meta['mode'], samples: Samples, meta: Meta): Promise<string[]> {
  const dir = meta.only
    ? path.resolve(__dirname, '..', `${mode}-${meta.only}`)
    : mode === 'full'
      ? BENCH_DIR
      : QUICK_DIR;
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'results.json');
  const markdown = path.join(dir, 'RESULTS.md');
  writeFileSync(json, await formatted(JSON.stringify(resultsJson(samples, meta)), 'json'));
  writeFileSync(markdown, await formatted(resultsMarkdown(samples, meta), 'markdown'));
  process.stdout.write(`\n${table(KEY_FIGURES, samples, true)}\n`);
  return [json, markdown];
}

function resultsJson(samples: Samples, meta: Meta): Record<string, unknown> {
  const keys = Object.fromEntries(
    KEY_FIGURES.map((def) => [def.key, rounded(samples.summary(def.key)?.median, def)]),
  );
  const figures = Object.fromEntries(
    [...KEY_FIGURES, ...DETAIL_FIGURES].map((def) => {
      const summary = samples.summary(def.key);
      return [
        def.key,
        {
          unit: def.unit,
          median: rounded(summary?.median, def),
          min: rounded(summary?.min, def),
          max: rounded(summary?.max, def),
          runs: summary?.runs ?? 0,
          values: summary?.values.map((value) => rounded(value, def)) ?? [],
          ...(summary?.lowerBound ? { lowerBound: true } : {}),
          ...(def.target
            ? { target: `${def.target.op} ${def.target.value}`, met: meets(def, summary) ?? null }
            : {}),
          ...(samples.notesOf(def.key).length > 0 ? { notes: samples.notesOf(def.key) } : {}),
        },
      ];
    }),
  );
  return { ...keys, meta, figures };
}

function resultsMarkdown(samples: Samples, meta: Meta): string {
  const { machine, versions, sizes } = meta;
  const load = (values: number[]): string => (values[0] === undefined ? '?' : values[0].toFixed(1));
  const minutes = `${Math.floor(meta.wallS / 60)} min ${Math.round(meta.wallS % 60)} s`;
  const notes = [...KEY_FIGURES, ...DETAIL_FIGURES].flatMap((def) =>
    samples.notesOf(def.key).map((note) => `- \`${def.key}\`: ${note}`),
  );
  const stageLines = Object.entries(meta.stages).map(([stage, secs]) => {
    const skipped = meta.stageNotes[stage] ?? [];
    return `- ${stage}: ${secs.map((s) => `${s.toFixed(0)} s`).join(', ') || 'not run'}${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
  });
  const sizeWords =
    meta.mode === 'full'
      ? ''
      : ` **Quick run**: the keys keep the full run's names, but "20k" is ${sizes.main.toLocaleString('en-US')}, "2k" ${sizes.small.toLocaleString('en-US')} and "50k" ${sizes.rss.toLocaleString('en-US')} kept postings here.`;
  return [
    `# Benchmark results${meta.mode === 'quick' ? ' (quick)' : ''}${meta.only ? ` (${meta.only} only)` : ''}`,
    '',
    `Written by \`npm run bench${meta.mode === 'quick' || meta.only ? ` --${meta.mode === 'quick' ? ' quick' : ''}${meta.only ? ` ${meta.only}` : ''}` : ''}\` on ${meta.date.slice(0, 16).replace('T', ' ')} UTC at commit \`${meta.commit}\`; wall time ${minutes}. Each figure is the median of its runs, with the spread (min–max) and the number of runs.${sizeWords}`,
    '',
    `- **Machine**: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory; load average ${load(machine.loadAverage.start)} at the start, ${load(machine.loadAverage.end)} at the end. The cores were shared with other work during the run, so the figures are noisy.`,
    `- **Versions**: Node ${versions.node}, ${versions.server}, mongoose ${versions.mongoose}.`,
    `- **Backend**: ${meta.backend}; a fresh database for every stage.`,
    `- **Data**: generated postings (bench/postings.ts), ${sizes.main.toLocaleString('en-US')} / ${sizes.small.toLocaleString('en-US')} / ${sizes.rss.toLocaleString('en-US')} kept by the default job seeker plus 8 % that the fit rules drop, served by the USAJOBS double on loopback without pacing.`,
    '',
    '## Targets (issue 8)',
    '',
    table(KEY_FIGURES, samples, true),
    '',
    '## Details',
    '',
    table(DETAIL_FIGURES, samples, false),
    '',
    '## Stages',
    '',
    'Wall time of each run of each stage:',
    '',
    ...stageLines,
    ...(notes.length > 0 ? ['', '## Notes', '', ...notes] : []),
    '',
    'How each figure is measured: bench/README.md.',
    '',
  ].join('\n');
}

function table(defs: readonly FigureDef[], samples: Samples, withTargets: boolean): string {
  const header = withTargets
    ? [
        '| Figure | Key | Median | Spread (min–max) | Runs | Target | Met |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ]
    : ['| Figure | Key | Median | Spread (min–max) | Runs |', '| --- | --- | --- | --- | --- |'];
  const rows = defs.map((def) => {
    const summary = samples.summary(def.key);
    const cells = [
      def.label,
      `\`${def.key}\``,
      value(summary, def, 'median'),
      spread(summary, def),
      String(summary?.runs ?? 0),
    ];
    if (withTargets) {
      const met = meets(def, summary);
      cells.push(def.target ? `${def.target.op === '<=' ? '≤' : '≥'} ${def.target.value}` : '—');
      cells.push(def.target ? (met === undefined ? 'unknown' : met ? 'yes' : '**no**') : '—');
    }
    return `| ${cells.join(' | ')} |`;
  });
  return [...header, ...rows].join('\n');
}

function value(summary: FigureSummary | undefined, def: FigureDef, which: 'median' | 'min' | 'max'): string {
  if (!summary) return 'not measured';
  const text = summary[which].toLocaleString('en-US', {
    minimumFractionDigits: def.decimals,
    maximumFractionDigits: def.decimals,
  });
  const unit = def.unit === '' ? '' : def.unit === '×' || def.unit === '/s' ? def.unit : ` ${def.unit}`;
  return `${summary.lowerBound ? '> ' : ''}${text}${unit}`;
}

function spread(summary: FigureSummary | undefined, def: FigureDef): string {
  if (!summary) return '—';
  return `${value(summary, def, 'min')} – ${value(summary, def, 'max')}`;
}

function rounded(value: number | undefined, def: FigureDef): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** Math.max(def.decimals, 2);
  return Math.round(value * factor) / factor;
}

/** Formats with the project's Prettier settings, so `npm run check` stays clean after a run. */
async function formatted(text: string, parser: 'json' | 'markdown'): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path.join(BENCH_DIR, 'RESULTS.md'))) ?? {};
  return prettier.format(text, { ...options, parser });
}
