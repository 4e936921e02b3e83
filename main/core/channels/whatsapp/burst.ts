// Group commit for live WhatsApp messages: those that arrive together (a busy minute, the page replaying a backlog)
// are handed to the inbox in one transaction instead of one commit each. Nothing waits on a timer: a batch is what
// arrived before the event loop came round, so a lone message is stored as soon as it would have been.
import type { ChannelSink, InboundMessage } from '../channel';

interface Waiting {
  msg: InboundMessage;
  done: () => void;
  failed: (err: unknown) => void;
}

export class Burst {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly sink: () => ChannelSink | null) {}

  /** Resolves once the message is stored (or known already); rejects when it could not be stored. */
  store(msg: InboundMessage): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ msg, done, failed });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    const sink = this.sink();
    if (!sink) return batch.forEach((w) => w.done());
    if (batch.length > 1 && sink.receiveMany) {
      try {
        sink.receiveMany(batch.map((w) => w.msg));
        return batch.forEach((w) => w.done());
      } catch {
        // One of them may be at fault: one by one below, so the others are stored and only its own store fails.
      }
    }
    for (const w of batch) {
      try {
        sink.receive(w.msg);
        w.done();
      } catch (err) {
        w.failed(err);
      }
    }
  }
}
