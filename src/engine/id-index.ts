/** Looks up a node's index in its node list by id. */
export interface IdLookup {
  /** Returns the index of the node with this id, or undefined when there is none. */
  get(id: string): number | undefined;
}

/**
 * The index of each node by id, as an open-addressing hash table in one typed
 * array: for each table slot, the id's hash and the node's index plus one
 * (0 for an empty slot). In Node 20 on the development machine, a Map of
 * 10,000 ids cost about 100 ns per insert against 30 ns for 1,000, so its
 * cost grew faster than the node count. This table is allocated once, at its
 * final size, and contains no objects. With duplicate ids, the last node wins.
 */
export class IdIndex implements IdLookup {
  /** Pairs of [hash, node index + 1], one pair per table slot. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** The node ids by node index, so a probe compares ids without reading the node objects. */
  private readonly ids: readonly string[];

  /** Indexes `ids`, the node ids by node index; the index keeps the list and reads it on each lookup. */
  constructor(ids: readonly string[]) {
    // At least twice as many slots as ids keeps probe runs short.
    let slots = 16;
    while (slots < ids.length * 2) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(slots * 2);
    this.ids = ids;
    for (let index = 0; index < ids.length; index++) this.insert(ids[index], index);
  }

  get(id: string): number | undefined {
    const hash = hashOf(id);
    const { table, mask, ids } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot * 2 + 1];
      if (entry === 0) return undefined;
      if (table[slot * 2] === hash && ids[entry - 1] === id) return entry - 1;
    }
  }

  private insert(id: string, index: number): void {
    const hash = hashOf(id);
    const { table, mask, ids } = this;
    let slot = hash & mask;
    while (table[slot * 2 + 1] !== 0) {
      const entry = table[slot * 2 + 1];
      if (table[slot * 2] === hash && ids[entry - 1] === id) break;
      slot = (slot + 1) & mask;
    }
    table[slot * 2] = hash;
    table[slot * 2 + 1] = index + 1;
  }
}

/** Returns the 32-bit FNV-1a hash of a string's UTF-16 code units as a signed integer, the way the table stores it. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}
