import { requestIdOf } from '../../src/http/request-log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdOf (x-request-id)', () => {
  it('when the client sends a well-formed id, then it is kept', () => {
    for (const id of ['abc', '4bf92f3577b34da6a3ce929d0e0e4736', 'req-1.2:3_4', 'a'.repeat(128)]) {
      expect(requestIdOf(id)).toBe(id);
    }
    expect(requestIdOf(['first-id', 'second-id'])).toBe('first-id');
  });

  it('when the id is missing, empty, too long or carries other characters, then a new UUID is made', () => {
    for (const sent of [
      undefined,
      '',
      'a'.repeat(129),
      'has space',
      'line\nbreak',
      '<script>',
      '-leading',
      'é',
    ]) {
      expect(requestIdOf(sent)).toMatch(UUID);
    }
    expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
  });
});
