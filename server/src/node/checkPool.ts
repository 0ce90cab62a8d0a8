/**
 * Both cores: records are checked in a pool of worker threads. The thread
 * that owns the pool reads and splits the text and reports; workers check
 * batches of records (`checkRecord`, the same pure function) and send back
 * the compact per-record results. Results come back in the order asked, and
 * are exactly what checking inline gives.
 *
 * A worker that crashes or exits is replaced and its batch is checked
 * inline, so nothing is lost. The worker is the same bundle as its owner
 * (the CLI's or the server's), started with `workerData.incidentRecordsWorker`
 * (see `runCheckWorkerIfWorker`).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as os from 'node:os';
import { ActionCatalog, DeclaredActions, builtInCatalog } from '../service/catalog';
import { RecordResult, checkRecord } from '../service/recordChecker';

export interface CheckBatch {
  /** The records' texts, in document order. */
  readonly texts: readonly string[];
  /** Index of the first record in the document. */
  readonly firstIndex: number;
  /** Each record's index, when they are not consecutive from `firstIndex`. */
  readonly indices?: readonly number[];
  readonly inDataset: boolean;
  readonly now: number;
  /** The configuration's own action types, when it has any. */
  readonly declared?: DeclaredActions;
}

interface JobMessage extends CheckBatch {
  readonly id: number;
}

interface ResultMessage {
  readonly id: number;
  readonly results?: RecordResult[];
  readonly error?: string;
}

/** The worker threads to use when nothing says otherwise: the machine's available parallelism. */
export function defaultPoolSize(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

const catalogs = new Map<string, ActionCatalog>();

/** The catalogue for a batch's declarations (rebuilt once per distinct configuration in each thread). */
function catalogOf(declared: DeclaredActions | undefined): ActionCatalog {
  if (!declared) {
    return builtInCatalog();
  }
  const key = JSON.stringify(declared);
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = builtInCatalog().withDeclared(declared);
    if (catalogs.size > 16) {
      catalogs.clear();
    }
    catalogs.set(key, catalog);
  }
  return catalog;
}

/** Checks a batch in this thread: what a worker does, and the fallback when one is lost. */
export function checkBatch(batch: CheckBatch): RecordResult[] {
  const catalog = catalogOf(batch.declared);
  return batch.texts.map((text, i) => checkRecord(text, batch.indices?.[i] ?? batch.firstIndex + i, { inDataset: batch.inDataset, now: batch.now, catalog }));
}

/**
 * In a bundle started as a check worker, serves batches and returns true;
 * elsewhere returns false at once. Call it first in the entry point.
 */
export function runCheckWorkerIfWorker(): boolean {
  if (isMainThread || !parentPort || !(workerData as { incidentRecordsWorker?: boolean } | undefined)?.incidentRecordsWorker) {
    return false;
  }
  const port = parentPort;
  port.on('message', (job: JobMessage) => {
    let reply: ResultMessage;
    try {
      reply = { id: job.id, results: checkBatch(job) };
    } catch (error) {
      reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  return true;
}

interface Pending {
  readonly job: JobMessage;
  readonly resolve: (results: RecordResult[]) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

export interface PoolStats {
  /** Batches checked by workers. */
  batches: number;
  /** Batches checked inline because their worker crashed, exited or failed. */
  recovered: number;
  /** Workers started to replace lost ones. */
  replaced: number;
}

export class CheckPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  readonly stats: PoolStats = { batches: 0, recovered: 0, replaced: 0 };

  /**
   * `script`: the bundle to start as a worker (the owner's own file);
   * `size`: the number of worker threads (at least 1).
   */
  constructor(
    private readonly script: string,
    readonly size: number = defaultPoolSize(),
  ) {
    for (let i = 0; i < Math.max(1, size); i++) {
      this.slots.push({ worker: this.start() });
    }
  }

  private start(): Worker {
    const worker = new Worker(this.script, { workerData: { incidentRecordsWorker: true } });
    worker.unref();
    worker.on('message', (message: ResultMessage) => this.done(worker, message));
    worker.on('error', () => this.lost(worker));
    worker.on('exit', () => this.lost(worker));
    return worker;
  }

  /** Checks a batch in a worker; resolves with one result per record, in order. */
  check(batch: CheckBatch): Promise<RecordResult[]> {
    if (this.closed) {
      return Promise.resolve(checkBatch(batch));
    }
    return new Promise((resolve) => {
      this.queue.push({ job: { ...batch, id: this.nextId++ }, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.busy && this.queue.length) {
        const pending = this.queue.shift()!;
        slot.busy = pending;
        slot.worker.ref();
        slot.worker.postMessage(pending.job);
      }
    }
  }

  private done(worker: Worker, message: ResultMessage): void {
    const slot = this.slots.find((s) => s.worker === worker);
    const pending = slot?.busy;
    if (!slot || !pending || pending.job.id !== message.id) {
      return;
    }
    slot.busy = undefined;
    worker.unref();
    if (message.results) {
      this.stats.batches++;
      pending.resolve(message.results);
    } else {
      // The worker could not check it (an exception escaped): the same work inline says what it is.
      this.recover(pending);
    }
    this.dispatch();
  }

  /** A worker crashed or exited: its batch is checked inline, and a new worker takes its place. */
  private lost(worker: Worker): void {
    const slot = this.slots.find((s) => s.worker === worker);
    if (!slot) {
      return;
    }
    const pending = slot.busy;
    slot.busy = undefined;
    if (this.closed) {
      if (pending) {
        this.recover(pending);
      }
      return;
    }
    slot.worker = this.start();
    this.stats.replaced++;
    if (pending) {
      this.recover(pending);
    }
    this.dispatch();
  }

  private recover(pending: Pending): void {
    this.stats.recovered++;
    pending.resolve(checkBatch(pending.job));
  }

  /** Ends a worker as a crash would (for tests of the recovery). */
  crashWorker(index: number): Promise<number> {
    return this.slots[index].worker.terminate();
  }

  /** Ends the workers; batches not yet checked are checked inline. */
  async close(): Promise<void> {
    this.closed = true;
    const queued = this.queue.splice(0);
    for (const pending of queued) {
      this.recover(pending);
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
