import { createHash, timingSafeEqual } from 'node:crypto';

import type { AuthCheckerFn } from 'type-graphql';

import type { GraphqlContext } from './context';
import { UnauthenticatedError } from './errors';

/**
 * Reads the token of an `Authorization: Bearer <token>` header (scheme case-insensitive, as RFC 7235 says).
 *
 * @returns the token, or undefined when the header is missing or not a bearer credential
 */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Compares a presented token with the admin token in constant time.
 *
 * Both sides are hashed first: `timingSafeEqual` needs equal lengths, and comparing digests keeps the token's
 * length from leaking through an early length check.
 *
 * @returns true only for an exact match; false for a missing token; never throws
 */
export function isAdminToken(presented: string | undefined, adminToken: string): boolean {
  if (presented === undefined || adminToken === '') return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(adminToken, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * type-graphql's check behind `@Authorized()`: the admin mutations need the admin bearer token.
 * Runs before argument validation, so an unauthenticated caller learns nothing about the arguments.
 *
 * @throws UnauthenticatedError when the request did not carry the admin token
 */
export const adminAuthChecker: AuthCheckerFn<GraphqlContext> = ({ context }) => {
  if (!context.isAdmin) throw new UnauthenticatedError();
  return true;
};
