import { bandFilter, MAX_BANDS, salaryBands } from '../../web/src/lib/salary-bands';

describe('salary bands of the distribution chart', () => {
  it('when pay runs from $58,000 to $232,700, then ten bands of $20,000 cover it from $40,000', () => {
    const bands = salaryBands(58_000, 232_700);
    expect(bands).toHaveLength(10);
    expect(bands[0]).toEqual({ from: 40_000, to: 59_999 });
    expect(bands.at(-1)).toEqual({ from: 220_000, to: 239_999 });
  });

  it('when the bands are made, then they touch without overlapping and contain both ends', () => {
    for (const [low, high] of [
      [0, 1],
      [31_000, 31_000],
      [15_000, 9_000_000],
      [120_000, 180_000],
    ] as const) {
      const bands = salaryBands(low, high);
      expect(bands.length).toBeGreaterThan(0);
      expect(bands.length).toBeLessThanOrEqual(MAX_BANDS);
      expect(bands[0]!.from).toBeLessThanOrEqual(low);
      expect(bands.at(-1)!.to).toBeGreaterThanOrEqual(high);
      bands.slice(1).forEach((band, i) => expect(band.from).toBe(bands[i]!.to + 1));
    }
  });

  it('when there is no pay, then there are no bands', () => {
    expect(salaryBands(null, null)).toEqual([]);
    expect(salaryBands(10, 5)).toEqual([]);
  });

  it('when the search has its own pay bounds, then a band is narrowed to them, or skipped outside them', () => {
    const band = { from: 40_000, to: 59_999 };
    expect(bandFilter({ keyword: 'x' }, band)).toEqual({
      keyword: 'x',
      minSalary: 40_000,
      maxSalary: 59_999,
    });
    expect(bandFilter({ minSalary: 50_000 }, band)).toEqual({ minSalary: 50_000, maxSalary: 59_999 });
    expect(bandFilter({ maxSalary: 45_000 }, band)).toEqual({ minSalary: 40_000, maxSalary: 45_000 });
    expect(bandFilter({ minSalary: 70_000 }, band)).toBeNull();
  });
});
