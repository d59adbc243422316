/**
 * What is worked out of an object, worked out once: the timeline's posts, authors and texts are
 * never changed in place (a change is a new object), and a refresh with 20,000 posts loaded reads
 * every one of them again. Kept weakly: what leaves the timeline leaves the memory.
 */
export function oncePerObject<K extends object, V>(work: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = work(key);
    known.set(key, value);
    return value;
  };
}
