// One request–response channel to a Web Worker, shared by the aligner and the import parser.

interface Pending<Out> {
  resolve: (value: Out) => void;
  reject: (error: Error) => void;
}

export interface WorkerClientOptions<Res extends { id: number }, Out> {
  /** Builds the worker; the `new Worker(new URL(…))` call stays with the caller so the bundler finds the file. */
  create: () => Worker;
  /** The value a response carries, or the Error it stands for. */
  settle: (response: Res) => { value: Out } | { error: Error };
  /** What pending requests are rejected with when the worker crashes. */
  crashed: (message: string | undefined) => Error;
  /** Message of the AbortError pending requests get on dispose(). */
  stoppedMessage: string;
}

/** Starts the worker on first use, matches responses to requests by id, and restarts it after a crash. */
export class WorkerClient<Req extends { id: number }, Res extends { id: number }, Out> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Out>>();

  constructor(private readonly options: WorkerClientOptions<Res, Out>) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = this.options.create();
    worker.onmessage = (event: MessageEvent<Res>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      this.pending.delete(event.data.id);
      const outcome = this.options.settle(event.data);
      if ('error' in outcome) entry.reject(outcome.error);
      else entry.resolve(outcome.value);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(this.options.crashed(event.message || undefined));
      this.stop();
    };
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  private stop() {
    this.worker?.terminate();
    this.worker = null;
  }

  request(body: Omit<Req, 'id'>): Promise<Out> {
    const worker = this.start();
    const id = this.nextId++;
    const message = { ...body, id } as Req;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(message);
    });
  }

  /** Stops the worker; requests still running are rejected with an AbortError. */
  dispose() {
    this.failAll(new DOMException(this.options.stoppedMessage, 'AbortError'));
    this.stop();
  }
}
