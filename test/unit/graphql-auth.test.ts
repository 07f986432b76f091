import { adminAuthChecker, bearerTokenOf, isAdminToken } from '../../src/graphql/auth';
import { createContext } from '../../src/graphql/context';
import { ErrorCode, UnauthenticatedError } from '../../src/graphql/errors';
import { silentLogger } from '../support/logger';

const TOKEN = 'a-very-secret-admin-token';

describe('admin bearer token', () => {
  it('when the header is a bearer credential, then its token is read (scheme in any case)', () => {
    expect(bearerTokenOf(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerTokenOf(`bearer   ${TOKEN} `)).toBe(TOKEN);
  });

  it('when the header is missing or another scheme, then there is no token', () => {
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('')).toBeUndefined();
    expect(bearerTokenOf(`Basic ${TOKEN}`)).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf(`Bearer ${TOKEN} extra`)).toBeUndefined();
  });

  it('when tokens are compared, then only the exact token matches, whatever the length of the guess', () => {
    expect(isAdminToken(TOKEN, TOKEN)).toBe(true);
    expect(isAdminToken(undefined, TOKEN)).toBe(false);
    expect(isAdminToken('', TOKEN)).toBe(false);
    expect(isAdminToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(isAdminToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(isAdminToken(TOKEN.toUpperCase(), TOKEN)).toBe(false);
    expect(isAdminToken('anything', '')).toBe(false);
  });

  it('when a context is made, then it says whether the caller is the admin and holds no token', () => {
    const deps = { adminToken: TOKEN, logger: silentLogger(), runEtl: jest.fn() };
    const admin = createContext(deps, `Bearer ${TOKEN}`);
    expect(admin.isAdmin).toBe(true);
    expect(createContext(deps, 'Bearer wrong').isAdmin).toBe(false);
    expect(createContext(deps, undefined).isAdmin).toBe(false);
    expect(JSON.stringify({ ...admin, logger: undefined })).not.toContain(TOKEN);
  });

  it('when a non-admin reaches an @Authorized operation, then UNAUTHENTICATED is thrown', () => {
    const context = createContext(
      { adminToken: TOKEN, logger: silentLogger(), runEtl: jest.fn() },
      undefined,
    );
    const check = (): unknown =>
      adminAuthChecker({ context, args: {}, root: undefined, info: {} as never }, []);
    expect(check).toThrow(UnauthenticatedError);
    try {
      check();
    } catch (error) {
      expect((error as UnauthenticatedError).extensions.code).toBe(ErrorCode.UNAUTHENTICATED);
    }
  });
});
