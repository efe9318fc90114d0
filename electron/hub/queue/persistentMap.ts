/**
 * A map that is never changed in place: `set` and `remove` give a new map that shares everything with the
 * old one but one small leaf and the two short arrays above it. The queue's state is folded event by
 * event for a whole day at the hub's start (thousands of tickets); copying a whole Map per event would
 * make that day quadratic, this costs about 70 slots per change whatever the size.
 *
 * A two-level trie of 32 × 32 leaves addressed by 10 bits of the key's hash; each leaf is a small Map.
 */

export type MapKey = string | number;

type Leaf<K extends MapKey, V> = ReadonlyMap<K, V>;
type Node<K extends MapKey, V> = readonly (Leaf<K, V> | null)[];

export interface PersistentMap<K extends MapKey, V> {
  readonly size: number;
  readonly root: readonly (Node<K, V> | null)[];
}

const WIDTH = 32;
const EMPTY_ROOT: readonly null[] = Array.from({ length: WIDTH }, () => null);
const EMPTY_NODE: readonly null[] = EMPTY_ROOT;

export function emptyMap<K extends MapKey, V>(): PersistentMap<K, V> {
  return { size: 0, root: EMPTY_ROOT };
}

/** 10 bits of the key: FNV-1a for strings (ticket ids are UUIDs), the low bits for integers (positions in a lane). */
function slot(key: MapKey): [number, number] {
  let hash: number;
  if (typeof key === 'number') {
    hash = key & 1023;
  } else {
    hash = 0x811c9dc5;
    for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
    hash = (hash ^ (hash >>> 10) ^ (hash >>> 20)) & 1023;
  }
  return [hash >>> 5, hash & 31];
}

export function get<K extends MapKey, V>(map: PersistentMap<K, V>, key: K): V | undefined {
  const [top, low] = slot(key);
  return map.root[top]?.[low]?.get(key);
}

export function has<K extends MapKey, V>(map: PersistentMap<K, V>, key: K): boolean {
  const [top, low] = slot(key);
  return map.root[top]?.[low]?.has(key) ?? false;
}

function withLeaf<K extends MapKey, V>(map: PersistentMap<K, V>, key: K, change: (leaf: Map<K, V>) => void): PersistentMap<K, V> {
  const [top, low] = slot(key);
  const node = map.root[top] ?? EMPTY_NODE;
  const leaf = new Map(node[low] ?? []);
  const before = leaf.size;
  change(leaf);
  const nextNode = node.slice();
  nextNode[low] = leaf.size === 0 ? null : leaf;
  const nextRoot = map.root.slice();
  nextRoot[top] = nextNode.every((entry) => entry === null) ? null : nextNode;
  return { size: map.size + leaf.size - before, root: nextRoot };
}

export function set<K extends MapKey, V>(map: PersistentMap<K, V>, key: K, value: V): PersistentMap<K, V> {
  return withLeaf(map, key, (leaf) => leaf.set(key, value));
}

export function remove<K extends MapKey, V>(map: PersistentMap<K, V>, key: K): PersistentMap<K, V> {
  return has(map, key) ? withLeaf(map, key, (leaf) => leaf.delete(key)) : map;
}

/** Every value, in no particular order (the order is the same for the same history). */
export function* values<K extends MapKey, V>(map: PersistentMap<K, V>): Generator<V> {
  for (const node of map.root) {
    if (node === null) continue;
    for (const leaf of node) if (leaf !== null) yield* leaf.values();
  }
}
