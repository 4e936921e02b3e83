// The window's side of the MessagePort to the core host: calls with ids answered by results, events pushed. Calls made
// before a port arrives (the core is starting) or between ports (it restarted) wait and are sent on the next port;
// calls the old port had taken are answered "try again" instead of hanging. No Electron import: tested under Node.
import type { Envelope } from '../main/core/api/envelope';
import { CORE_RESTARTED_MESSAGE, type CallMessage, type ToWindow } from '../main/host/protocol';

/** A DOM / Node MessagePort: only what the client uses. */
export interface PortLike {
  postMessage(msg: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  close(): void;
}

export class PortClient {
  private port: PortLike | null = null;
  private nextId = 1;
  private waiting: CallMessage[] = [];
  private pending = new Map<number, (e: Envelope<unknown>) => void>();
  private listeners = new Set<(event: unknown) => void>();

  attach(port: PortLike): void {
    const old = this.port;
    this.port = port;
    if (old) {
      old.onmessage = null;
      old.close();
    }
    // Calls the old port had taken (sent, not answered); those still waiting go to the new port below.
    const held = new Set(this.waiting.map((m) => m.id));
    for (const [id, resolve] of this.pending) {
      if (held.has(id)) continue;
      this.pending.delete(id);
      resolve({ ok: false, error: { code: 'internal', message: CORE_RESTARTED_MESSAGE } });
    }
    port.onmessage = (e) => this.receive(e.data as ToWindow);
    for (const m of this.waiting.splice(0)) this.post(m);
  }

  call(name: string, input: unknown): Promise<Envelope<unknown>> {
    return new Promise((resolve) => {
      const msg: CallMessage = { type: 'call', id: this.nextId++, name, input };
      this.pending.set(msg.id, resolve);
      if (this.port) this.post(msg);
      else this.waiting.push(msg);
    });
  }

  onEvent(fn: (event: unknown) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private post(msg: CallMessage): void {
    this.port!.postMessage(msg);
  }

  private receive(msg: ToWindow): void {
    if (msg?.type === 'result') {
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.(msg.envelope);
    } else if (msg?.type === 'event') {
      for (const l of this.listeners) l(msg.event);
    }
  }
}
