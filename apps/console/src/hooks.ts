/** Loading a resource for a view: loading, its data, or the error (with the API's status); the second value reloads it in place. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; status: number; message: string };

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const shown = useRef('');
  useEffect(() => {
    let live = true;
    // A reload of the same resource keeps what is on screen until the new answer; another resource shows loading.
    const key = JSON.stringify(deps);
    if (key !== shown.current) setValue({ state: 'loading' });
    shown.current = key;
    load().then(
      (data) => live && setValue({ state: 'ok', data }),
      (err: unknown) =>
        live &&
        setValue({
          state: 'error',
          status: err instanceof ApiError ? err.status : 0,
          message: err instanceof Error ? err.message : String(err),
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [value, () => setTick((n) => n + 1)];
}
