import { describe, expect, it } from 'vitest';
import { createListPublisher, type PublishedChanges } from '../../electron/core/lists/list-publisher.ts';

type Item = { key: string; text: string };

function publisher() {
  const heard: PublishedChanges<Item, { unread: number }>[] = [];
  const list = createListPublisher<Item, { unread: number }>({ keyOf: (item) => item.key, same: (a, b) => a.text === b.text, changed: (changes) => heard.push(changes) });
  return { list, heard };
}

describe('list publisher', () => {
  it('numbers each change and tells every window only what changed', () => {
    const { list, heard } = publisher();
    const a = { key: 'a', text: 'one' };
    const b = { key: 'b', text: 'two' };
    expect(list.publish([a], { unread: 1 })).toMatchObject({ from: 0, to: 1, changes: [{ op: 'insert', after: null, items: [a] }] });
    const c = { key: 'c', text: 'three' };
    expect(list.publish([c, a, b], { unread: 1 }).changes).toEqual([
      { op: 'insert', after: null, items: [c] },
      { op: 'insert', after: 'a', items: [b] },
    ]);
    expect(list.publish([c, { key: 'a', text: 'edited' }, b], { unread: 1 }).changes).toEqual([{ op: 'update', items: [{ key: 'a', text: 'edited' }] }]);
    expect(heard.map((changes) => [changes.from, changes.to])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  it('says nothing when nothing changed, and sends a status change alone', () => {
    const { list, heard } = publisher();
    const items = [{ key: 'a', text: 'one' }];
    list.publish(items, { unread: 1 });
    expect(list.publish([{ key: 'a', text: 'one' }], { unread: 1 })).toEqual({ from: 1, to: 1, changes: [], status: { unread: 1 } });
    expect(list.publish(items, { unread: 0 })).toEqual({ from: 1, to: 2, changes: [], status: { unread: 0 } });
    expect(heard).toHaveLength(2);
    expect(list.version()).toBe(2);
  });
});
