import { describe, expect, it } from 'vitest';
import { applyChanges, diffList } from '../../shared/lists/list-changes.ts';

interface Item {
  key: string;
  text: string;
}
const keyOf = (item: Item) => item.key;
const same = (before: Item, now: Item) => before.text === now.text;
/** The list as it was sent: copies, so nothing is found unchanged by being the same object. */
const sent = (items: Item[]) => items.map((item) => ({ ...item }));
const list = (...keys: string[]) => keys.map((key) => ({ key, text: `text of ${key}` }));

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the list protocol', () => {
  it('sends new posts on top as one insert, and nothing else', () => {
    const before = list('c', 'b', 'a');
    const after = list('e', 'd', 'c', 'b', 'a');
    expect(diffList(sent(before), after, keyOf, same)).toEqual([{ op: 'insert', after: null, items: list('e', 'd') }]);
  });

  it('sends an older page as one insert after the last item', () => {
    expect(diffList(sent(list('c', 'b')), list('c', 'b', 'a', 'z'), keyOf, same)).toEqual([{ op: 'insert', after: 'b', items: list('a', 'z') }]);
  });

  it('sends a changed item by its key, a removed one by its key, and a moved one as removed and inserted', () => {
    const after = [{ key: 'b', text: 'edited' }, ...list('a', 'd')];
    const changes = diffList(sent(list('a', 'b', 'c', 'd')), after, keyOf, same);
    expect(changes).toEqual([
      { op: 'remove', keys: ['c', 'b'] },
      { op: 'insert', after: null, items: [{ key: 'b', text: 'edited' }] },
    ]);
    expect(applyChanges(list('a', 'b', 'c', 'd'), changes, keyOf)).toEqual(after);
  });

  it('looks only at what changed when the rest is the same items: two new on top of 10,000', () => {
    const before = list(...Array.from({ length: 10_000 }, (_, i) => `k${i}`));
    const after = [...list('new1', 'new2'), ...before.slice(0, 5_000), { key: 'k5000', text: 'edited' }, ...before.slice(5_001)];
    let keysRead = 0;
    const counted = (item: Item) => (keysRead++, item.key);
    const changes = diffList(before, after, counted, same);
    expect(changes).toEqual([
      { op: 'insert', after: null, items: list('new1', 'new2') },
      { op: 'update', items: [{ key: 'k5000', text: 'edited' }] },
    ]);
    expect(applyChanges(before, changes, keyOf)).toEqual(after);
    expect(keysRead).toBeLessThan(100);
  });

  it('sends nothing when nothing changed', () => {
    expect(diffList(sent(list('a', 'b')), list('a', 'b'), keyOf, same)).toEqual([]);
  });

  it('turns any list into any other: 2,000 random cases', () => {
    const next = random(7);
    for (let round = 0; round < 2_000; round++) {
      const before = list(...Array.from({ length: Math.floor(next() * 12) }, (_, i) => `k${i}`));
      let after = before.filter(() => next() > 0.2).map((item) => (next() < 0.2 ? { ...item, text: `changed ${round}` } : item));
      for (let i = Math.floor(next() * 4); i > 0; i--) after.splice(Math.floor(next() * (after.length + 1)), 0, { key: `n${round}-${i}`, text: 'new' });
      if (next() < 0.3) after = after.sort(() => next() - 0.5);
      expect(applyChanges(before, diffList(sent(before), after, keyOf, same), keyOf)).toEqual(after);
    }
  });

  it('refuses a change that names an item the list does not hold', () => {
    expect(() => applyChanges(list('a'), [{ op: 'insert', after: 'zz', items: list('b') }], keyOf)).toThrow(/no item zz/);
  });
});
