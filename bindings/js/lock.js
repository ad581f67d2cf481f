// The Web Locks refresh lock, written in JavaScript (smaller than the same
// calls made from Rust through web-sys). Its own module, imported only by the
// entries whose backend refreshes sessions (spree, spryker).

/**
 * Requests the exclusive Web Lock `name` (TL-7.2): `[granted, release]`.
 * `granted` resolves to true once the lock is held, or to false where there
 * are no Web Locks (Node, older browsers, an opaque origin) or after 15 s of
 * waiting. `release` frees the lock; called before the grant, it makes the
 * grant release the lock at once (a cancelled refresh never holds it).
 */
export function requestLock(name) {
  let release;
  const held = new Promise((done) => {
    release = done;
  });
  const locks = globalThis.navigator?.locks;
  // Node has no tabs to coordinate with.
  if (!locks || globalThis.process?.versions?.node) return [Promise.resolve(false), release];
  const granted = new Promise((grant) => {
    locks
      .request(name, { mode: 'exclusive', signal: AbortSignal.timeout(15_000) }, () => {
        grant(true);
        return held;
      })
      .catch(() => grant(false));
  });
  return [granted, release];
}
