import { useEffect, useRef, useState } from 'preact/hooks';

import { formatCount, formatUsd, formatUsdShort } from '../lib/format';
import type { SalaryBand } from '../lib/salary-bands';

const CHART_HEIGHT = 260;
const BAR_COLOR = '#0b5cad';
const AXIS_COLOR = '#1f2933';
const GRID_COLOR = '#d9dee3';

/**
 * The salary distribution: one bar per pay band (uPlot, loaded with this view only), and the same numbers as a table
 * for screen readers and keyboard users, who cannot read a canvas.
 */
export function SalaryChart({ bands, counts }: { bands: SalaryBand[]; counts: number[] }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const labels = bands.map((band) => formatUsdShort(band.from));
  const summary =
    bands.length === 0
      ? 'No pay to chart.'
      : `Bar chart of jobs by annual pay band, from ${formatUsd(bands[0]!.from)} to ${formatUsd(bands.at(-1)!.to)}; ` +
        `the most jobs, ${formatCount(Math.max(...counts))}, reach the ${describeBand(bands[counts.indexOf(Math.max(...counts))]!)} band.`;

  useEffect(() => {
    const el = container.current;
    if (!el || bands.length === 0) return;
    let plot: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
      ([{ default: UPlot }]) => {
        if (cancelled) return;
        const indexes = bands.map((_, i) => i);
        const max = Math.max(1, ...counts);
        plot = new UPlot(
          {
            width: Math.max(el.clientWidth, 240),
            height: CHART_HEIGHT,
            legend: { show: false },
            cursor: { show: false },
            scales: {
              x: { time: false, range: [-0.5, bands.length - 0.5] },
              y: { range: [0, Math.ceil(max * 1.1)] },
            },
            axes: [
              {
                stroke: AXIS_COLOR,
                grid: { show: false },
                splits: () => indexes,
                values: (_u, splits) => splits.map((v) => labels[v] ?? ''),
              },
              {
                stroke: AXIS_COLOR,
                grid: { stroke: GRID_COLOR, width: 1 },
                values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatCount(v) : '')),
              },
            ],
            series: [
              {},
              {
                label: 'Jobs',
                fill: BAR_COLOR,
                stroke: BAR_COLOR,
                points: { show: false },
                paths: UPlot.paths.bars!({ size: [0.8, 96] }),
              },
            ],
          },
          [indexes, counts],
          el,
        );
        observer = new ResizeObserver(() =>
          plot?.setSize({ width: Math.max(el.clientWidth, 240), height: CHART_HEIGHT }),
        );
        observer.observe(el);
      },
      () => setFailed(true),
    );
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
    // The chart is redrawn when the numbers change; the labels follow the bands.
  }, [JSON.stringify(bands), JSON.stringify(counts)]);

  return (
    <figure class="panel chart">
      <figcaption>
        <h3>Jobs by annual pay</h3>
        <p class="hint">A job counts in every band its pay range reaches into.</p>
      </figcaption>
      {bands.length > 0 && !failed && (
        <div ref={container} class="chart-canvas" role="img" aria-label={summary} />
      )}
      {failed && <p>The chart could not be drawn; the numbers are below.</p>}
      <details>
        <summary>Show the numbers</summary>
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">Annual pay</th>
              <th scope="col" class="numeric">
                Jobs
              </th>
            </tr>
          </thead>
          <tbody>
            {bands.map((band, i) => (
              <tr key={band.from}>
                <th scope="row">{describeBand(band)}</th>
                <td class="numeric">{formatCount(counts[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function describeBand(band: SalaryBand): string {
  return `${formatUsd(band.from)} – ${formatUsd(band.to)}`;
}
