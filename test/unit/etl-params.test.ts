import { validateParams, withDefaults } from '../../src/etl/params';

describe('validateParams', () => {
  it('when keyword and locationName hold runs of whitespace, then the run keeps them with single spaces', () => {
    const params = validateParams(
      withDefaults({ keyword: '  data   engineering ', locationName: 'Chicago,\t Illinois' }),
    );
    expect(params).toMatchObject({ keyword: 'data engineering', locationName: 'Chicago, Illinois' });
  });
});
