import { parsePrometheusText } from '../support/prometheus-text';

describe('parsePrometheusText (the strict reader the /metrics tests use)', () => {
  it('when the text is well formed, then families, labels, escapes and special values are read', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",route="graphql",status="200"} 3',
      'http_requests_total{method="POST",route="other",status="404"} 1 1700000000000',
      '# TYPE d histogram',
      'd_bucket{le="0.5"} 1',
      'd_bucket{le="+Inf"} 2',
      'd_sum 0.75',
      'd_count 2',
      '# TYPE g gauge',
      'g{path="a\\"b\\\\c\\nd"} -1.5e3',
      'g{path="x"} NaN',
      // What prom-client writes for NaN (an event-loop lag with no sample yet).
      'g{path="y"} Nan',
      '',
    ].join('\n');
    const parsed = parsePrometheusText(text);
    expect(parsed.types.get('d')).toBe('histogram');
    expect(parsed.value('http_requests_total', { method: 'GET', route: 'graphql', status: '200' })).toBe(3);
    expect(parsed.sum('http_requests_total')).toBe(4);
    expect(parsed.value('d_bucket', { le: '+Inf' })).toBe(2);
    expect(parsed.value('g', { path: 'a"b\\c\nd' })).toBe(-1500);
    expect(parsed.value('g', { path: 'y' })).toBeNaN();
  });

  it('when a line is malformed or its family has no TYPE, then it throws naming the line', () => {
    const typed = '# TYPE m counter\n';
    for (const bad of [
      'm 1', // no TYPE before
      `${typed}m{a=1} 1`,
      `${typed}m{a="1" 1`,
      `${typed}m{a="1"} one`,
      `${typed}m{1a="x"} 1`,
      `${typed}m{a="x",a="y"} 1`,
      `${typed}m{a="\\t"} 1`,
      `${typed}m`,
      '# TYPE m sometimes',
    ]) {
      expect(() => parsePrometheusText(bad)).toThrow(/^line \d+/);
    }
  });
});
