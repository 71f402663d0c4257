/**
 * Names that mathjs gives a meaning of its own (constants and the functions a
 * formula or its derivative can contain), so a node with such an id gets
 * another symbol name.
 */
const RESERVED = new Set([
  'e', 'E', 'pi', 'PI', 'i', 'tau', 'phi', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined', 'end',
  'exp', 'log', 'tanh', 'sech', 'sigmoid', 'relu', 'leakyRelu', 'max', 'min', 'sqrt', 'abs', 'sign', 'mod', 'to', 'in',
]);

/** An id that mathjs reads as one symbol: a letter, then letters or digits. */
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Assigns each node id a mathjs symbol name: the id itself when mathjs can read it, else v1, v2, … */
export class SymbolNames {
  private readonly byId = new Map<string, string>();
  private readonly used = new Set<string>();
  private next = 1;

  symbolFor(nodeId: string): string {
    const known = this.byId.get(nodeId);
    if (known) return known;
    let symbol = nodeId;
    if (!PLAIN_NAME.test(nodeId) || RESERVED.has(nodeId) || this.used.has(nodeId)) {
      do symbol = `v${this.next++}`;
      while (this.used.has(symbol));
    }
    this.byId.set(nodeId, symbol);
    this.used.add(symbol);
    return symbol;
  }
}
