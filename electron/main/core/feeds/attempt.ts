/**
 * One connection attempt: the request through the transport, the response judged (status, Content-Type,
 * Retry-After), then the body pumped chunk by chunk to the connection — pausing while storage holds the flow
 * (backpressure: unread bytes stay in the socket, so the server is slowed down instead of events being dropped).
 * It reports exactly one end (an Outcome) unless aborted; after abort() it reports nothing.
 */
import type { StreamResponse, Transport } from '../net/transport';
import { classifyResponse, describeNetworkError, retry, type Outcome } from './errors';

/** Storage's backpressure: while held, no feed reads more of its stream. */
export interface FlowControl {
  readonly held: boolean;
  /** Resolves when the flow is released (at once if it is not held). */
  released(): Promise<void>;
}

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  trustedCa: string | null;
}

export interface AttemptListener {
  /** The server answered (any status): its status and headers, before they are judged. */
  answered?(response: StreamResponse): void;
  /** The server answered with an event stream. */
  opened(response: StreamResponse): void;
  /** A chunk of the body. */
  chunk(bytes: Uint8Array): void;
  /** The attempt is over: a failure, a refusal, or the stream's clean end ('closed-by-server'). */
  ended(outcome: Outcome): void;
}

export class Attempt {
  private readonly controller = new AbortController();
  private done = false;

  constructor(
    private readonly transport: Transport,
    private readonly flow: FlowControl,
    private readonly listener: AttemptListener,
  ) {}

  start(request: AttemptRequest): void {
    void this.run(request);
  }

  /** Ends the attempt without a report (the connection moved on: pause, close, a newer attempt). */
  abort(): void {
    this.done = true;
    this.controller.abort();
  }

  /** Ends the attempt with a report (a timeout decided by the connection). */
  fail(outcome: Outcome): void {
    if (this.done) return;
    this.abort();
    this.listener.ended(outcome);
  }

  private end(outcome: Outcome): void {
    if (this.done) return;
    this.done = true;
    this.controller.abort();
    this.listener.ended(outcome);
  }

  private async run(request: AttemptRequest): Promise<void> {
    let response: StreamResponse;
    try {
      response = await this.transport.open({ ...request, signal: this.controller.signal });
    } catch (error) {
      this.end(describeNetworkError(error));
      return;
    }
    if (this.done) {
      void response.body?.cancel().catch(() => undefined);
      return;
    }
    this.listener.answered?.(response);
    const refusal = classifyResponse(response.status, response.headers.get('content-type'));
    if (refusal !== null || response.body === null) {
      void response.body?.cancel().catch(() => undefined);
      const outcome: Outcome = refusal ?? retry({ kind: 'emptyBody' });
      if (outcome.kind === 'retry') outcome.retryAfter = response.headers.get('retry-after');
      this.end(outcome);
      return;
    }
    this.listener.opened(response);
    await this.pump(response.body.getReader());
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        if (this.flow.held) await this.flow.released();
        if (this.done) break;
        const result = await reader.read();
        if (this.done) break;
        if (result.done) {
          this.end(retry({ kind: 'closedByServer' }));
          return;
        }
        this.listener.chunk(result.value);
      }
    } catch (error) {
      this.end(describeNetworkError(error));
      return;
    }
    void reader.cancel().catch(() => undefined);
  }
}
