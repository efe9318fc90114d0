import * as pmap from './persistentMap.ts';

/**
 * One queue line of tickets: a service's regular or priority tickets, or the tickets redirected to one
 * window. Tickets join at the tail (received) or the head (redirected, by default) and leave from the
 * head (called); at the day's end they may leave from anywhere (expired). Each ticket keeps its position,
 * so every one of these is a small persistent change, never a copy of the whole line.
 */
export interface Lane {
  /** Position of the head; positions below it are free. */
  readonly first: number;
  /** One past the position of the tail. */
  readonly end: number;
  readonly count: number;
  readonly items: pmap.PersistentMap<number, string>;
}

export const emptyLane: Lane = { first: 0, end: 0, count: 0, items: pmap.emptyMap() };

export function pushBack(lane: Lane, ticketId: string): { lane: Lane; position: number } {
  const position = lane.end;
  return { lane: { first: lane.count === 0 ? position : lane.first, end: position + 1, count: lane.count + 1, items: pmap.set(lane.items, position, ticketId) }, position };
}

export function pushFront(lane: Lane, ticketId: string): { lane: Lane; position: number } {
  const position = lane.count === 0 ? lane.end : lane.first - 1;
  return { lane: { first: position, end: lane.count === 0 ? position + 1 : lane.end, count: lane.count + 1, items: pmap.set(lane.items, position, ticketId) }, position };
}

export function removeAt(lane: Lane, position: number): Lane {
  if (!pmap.has(lane.items, position)) return lane;
  const items = pmap.remove(lane.items, position);
  const count = lane.count - 1;
  if (count === 0) return emptyLane;
  let { first, end } = lane;
  // Each freed position is stepped over once in the lane's life: removal stays O(1) on average.
  while (first < end && !pmap.has(items, first)) first++;
  while (end > first && !pmap.has(items, end - 1)) end--;
  return { first, end, count, items };
}

export function head(lane: Lane): string | null {
  return lane.count === 0 ? null : (pmap.get(lane.items, lane.first) ?? null);
}

/** The tickets from head to tail. */
export function* ticketIds(lane: Lane): Generator<string> {
  for (let position = lane.first; position < lane.end; position++) {
    const id = pmap.get(lane.items, position);
    if (id !== undefined) yield id;
  }
}
