import { useEffect, useState } from 'preact/hooks';

import { ApiError } from './api/graphql';
import { parseRoute, type Route } from './lib/route';

/** The place the address names; follows the back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export type Loadable<T> =
  | { state: 'loading'; data?: T }
  | { state: 'done'; data: T }
  | { state: 'failed'; error: string; cause: unknown; data?: T };

/**
 * Runs `load` whenever `key` changes and keeps its latest answer; a superseded request is aborted, and the previous
 * data stays shown while the next loads (no flicker between pages).
 */
export function useLoad<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): [Loadable<T>, () => void] {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: 'done', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult((previous) => ({
          state: 'failed',
          error: messageOf(error),
          cause: error,
          data: previous.data,
        }));
      },
    );
    return () => controller.abort();
    // `load` is a new closure each render; `key` says when it asks for something else.
  }, [key, attempt]);
  return [result, () => setAttempt((n) => n + 1)];
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}
