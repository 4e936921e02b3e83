// A live connection to Lavka whose state a test flips: the shape of api.ts's onConnection (called at once with the
// current state, returns an unsubscribe).
export class FakeConnection {
  private listeners = new Set<(up: boolean) => void>();
  constructor(private up = true) {}

  readonly subscribe = (fn: (up: boolean) => void): (() => void) => {
    this.listeners.add(fn);
    fn(this.up);
    return () => this.listeners.delete(fn);
  };

  set(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    for (const l of [...this.listeners]) l(up);
  }
}
