// A grow-only list of 32-bit integers in a typed array: the aligner collects hundreds of thousands of
// ids, and a plain number array would cost the garbage collector more than the ids themselves.

export class Int32List {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Whether `value` is among the values from `from` on. */
  includesFrom(value: number, from: number): boolean {
    for (let k = from; k < this.length; k++) if (this.data[k] === value) return true;
    return false;
  }

  /** The values, in a typed array of their own. */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
