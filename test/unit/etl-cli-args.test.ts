import { parseEtlArgs } from '../../src/cli/etl';

describe('npm run etl options by the naming rule', () => {
  it('when an option is given by its rule name, then it sets the same parameter as the older name', () => {
    expect(
      parseEtlArgs(['--location-name', 'Austin, Texas', '--radius-miles', '25', '--date-posted-days', '7']),
    ).toEqual(parseEtlArgs(['--location', 'Austin, Texas', '--radius', '25', '--posted-days', '7']));
    expect(parseEtlArgs(['--location-name=Austin, Texas'])).toEqual({ locationName: 'Austin, Texas' });
  });

  it('when both names of one option are given with different values, then it is a usage error naming the option', () => {
    expect(() => parseEtlArgs(['--radius', '25', '--radius-miles', '30'])).toThrow(
      '--radius is given twice with different values ("25", "30")',
    );
    expect(parseEtlArgs(['--radius', '25', '--radius-miles', '25'])).toEqual({ radiusMiles: 25 });
  });
});

describe('npm run etl -- --scheduled', () => {
  it('when --scheduled is given alone, then the run is the schedule tick run; with another option, then it is a usage error', () => {
    expect(parseEtlArgs(['--scheduled'])).toBe('scheduled');
    expect(() => parseEtlArgs(['--scheduled', '--profile', 'x'])).toThrow(
      '--scheduled runs every enabled saved search: drop --profile',
    );
    expect(() => parseEtlArgs(['--scheduled=yes'])).toThrow('--scheduled takes no value');
  });
});
