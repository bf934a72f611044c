/**
 * A stand-in typed from the real class for unit tests: the members given answer, any other member
 * throws when touched (naming it), so a test never passes by silently calling something unplanned.
 */
export function strictStub<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      // Not a thenable: a stub may be returned from an async function.
      if (key === 'then') return undefined;
      throw new Error(`unexpected use of ${String(key)}`);
    },
  }) as T;
}
