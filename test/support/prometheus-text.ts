/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every line must be a HELP or
 * TYPE comment, a blank line or a sample of a family whose TYPE came before it; anything else throws, naming the line.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, MetricType>;
  samples: Sample[];
  /** The value of the sample with exactly these labels, or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** The sum over every sample of `name` whose labels include `labels`. */
  sum(name: string, labels?: Record<string, string>): number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count', ''],
};

export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, MetricType>();
  const samples: Sample[] = [];
  text.split('\n').forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1} (${JSON.stringify(line)}): ${why}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!match) {
        if (/^# (HELP|TYPE)\b/.test(line)) fail('malformed HELP/TYPE');
        return; // other comments are allowed
      }
      const [, kind, name, rest] = match;
      if (!NAME.test(name!)) fail('bad metric name');
      if (kind === 'TYPE') {
        if (!TYPES.has(rest!)) fail('unknown type');
        if (types.has(name!)) fail('TYPE given twice');
        types.set(name!, rest as MetricType);
      }
      return;
    }
    const sample = readSample(line, fail);
    const family = familyOf(sample.name, types);
    if (!family) fail('sample of a family without a TYPE line before it');
    samples.push(sample);
  });

  const matches = (sample: Sample, labels: Record<string, string>) =>
    Object.entries(labels).every(([key, value]) => sample.labels[key] === value);
  return {
    types,
    samples,
    value(name, labels = {}) {
      return samples.find(
        (s) =>
          s.name === name &&
          Object.keys(s.labels).length === Object.keys(labels).length &&
          matches(s, labels),
      )?.value;
    },
    sum(name, labels = {}) {
      return samples.filter((s) => s.name === name && matches(s, labels)).reduce((a, s) => a + s.value, 0);
    },
  };
}

function familyOf(name: string, types: Map<string, MetricType>): string | undefined {
  if (types.has(name)) return name;
  for (const [family, type] of types) {
    if ((SUFFIXES[type] ?? []).some((suffix) => suffix !== '' && name === family + suffix)) return family;
  }
  return undefined;
}

function readSample(line: string, fail: (why: string) => never): Sample {
  const nameEnd = line.search(/[{ ]/);
  if (nameEnd <= 0) fail('no value');
  const name = line.slice(0, nameEnd);
  if (!NAME.test(name)) fail('bad metric name');
  const labels: Record<string, string> = {};
  let at = nameEnd;
  if (line[at] === '{') {
    at += 1;
    while (line[at] !== '}') {
      const eq = line.indexOf('=', at);
      if (eq < 0) fail('label without =');
      const labelName = line.slice(at, eq);
      if (!LABEL_NAME.test(labelName)) fail(`bad label name ${labelName}`);
      if (line[eq + 1] !== '"') fail('label value not quoted');
      let value = '';
      let i = eq + 2;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\') {
          const next = line[++i];
          if (next === 'n') value += '\n';
          else if (next === '\\' || next === '"') value += next;
          else fail('bad escape in label value');
        } else value += line[i];
      }
      if (i >= line.length) fail('unterminated label value');
      if (labelName in labels) fail(`label ${labelName} given twice`);
      labels[labelName] = value;
      at = i + 1;
      if (line[at] === ',') at += 1;
      else if (line[at] !== '}') fail('expected , or } after a label');
    }
    at += 1;
  }
  const parts = line.slice(at).trim().split(/\s+/);
  if (line[at] !== ' ' || parts.length < 1 || parts.length > 2) fail('expected " value [timestamp]"');
  const value = readNumber(parts[0]!);
  if (value === undefined) fail('value is not a number');
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) fail('timestamp is not an integer');
  return { name, labels, value: value! };
}

/** A sample value as Prometheus reads it (Go's ParseFloat: Inf and NaN in any case; prom-client writes `Nan`). */
function readNumber(text: string): number | undefined {
  const special = text.toLowerCase();
  if (special === '+inf' || special === 'inf') return Number.POSITIVE_INFINITY;
  if (special === '-inf') return Number.NEGATIVE_INFINITY;
  if (special === 'nan') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
