// What the package asks of its host, written in JavaScript (smaller than the
// same calls made from Rust through web-sys): cross-tab propagation, calls of
// a custom storage, the abort of a call, the pagination `meta` of a list.
// Shared by every entry, like errors.js; the Web Locks refresh lock is in
// lock.js, which only the entries that refresh import.

/**
 * Calls `reload()` when another tab changes the session stored under `key`
 * (TL-7.1): its `storage` events, and messages on a `BroadcastChannel` named
 * after the key. Returns `{ post(event), stop() }`: `post` tells the other
 * tabs (the event name only, never tokens), `stop` removes the listeners.
 * `undefined` outside a window (Node, SSR, workers).
 */
export function watchTabs(key, reload) {
  if (typeof document !== 'object' || typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(key);
  channel.onmessage = () => reload();
  // A `null` key means the whole storage area was cleared.
  const onStorage = (event) => {
    if (event.key === null || event.key === key) reload();
  };
  addEventListener('storage', onStorage);
  return {
    post: (event) => channel.postMessage({ event }),
    stop: () => {
      channel.onmessage = null;
      channel.close();
      removeEventListener('storage', onStorage);
    },
  };
}

/**
 * `storage[method](key, value)` as a promise: a value or a promise of one,
 * and a throw as a rejection.
 */
export function callStorage(storage, method, key, value) {
  return new Promise((resolve) => resolve(storage[method](key, value)));
}

/** Resolves once `signal` aborts (at once if it has). */
export function abortOf(signal) {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * The pagination `meta` of a page of `size` items: the API's fields, and the
 * positions of the page's first and last item (`from`, `to`) and its size
 * (`in`), 0 for an empty page, as Spree's pagination (pagy) counts them.
 */
export function pageMeta(page, limit, count, pages, size, previous, next) {
  const from = size && (page - 1) * limit + 1;
  const to = size && from + size - 1;
  return { page, limit, count, pages, from, to, in: size, previous: previous ?? null, next: next ?? null };
}
