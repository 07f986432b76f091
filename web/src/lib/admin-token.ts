/*
 * The admin token the person types to run the ETL: kept in this page's memory, and in the tab's sessionStorage only
 * when they ask for it (it ends with the tab). Never in localStorage, a cookie or the address.
 */

const KEY = 'job-tracker.admin-token';
let inMemory: string | null = null;

/** The token remembered in memory or for this tab, if any. */
export function rememberedToken(): string | null {
  if (inMemory) return inMemory;
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** Keeps a token that the API accepted; in sessionStorage too when `forTab`. */
export function rememberToken(token: string, forTab: boolean): void {
  inMemory = token;
  try {
    if (forTab) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: memory only.
  }
}

/** Forgets the token everywhere (it was refused, or the person asked). */
export function forgetToken(): void {
  inMemory = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
