import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the bot tells operators about its work: one trace per turn (and per reminders run), with
 * child spans for storage calls and proactive sends, and the reference an officer is shown when a
 * turn fails. The rest of the bot sees only this small interface; without a connection string it
 * is `noTracing` and OpenTelemetry is never loaded (src/telemetry/telemetry.ts).
 *
 * Nothing personal goes into a span: no typed text, names, record ids, conversation or object
 * ids, and no error messages (which can quote ids). Attributes are kinds, verbs, outcomes and
 * error types.
 */
export type SpanAttributes = Record<string, string | number | boolean>;

export type SpanKind = 'server' | 'client' | 'internal';

export interface Tracing {
  readonly enabled: boolean;
  /** Runs `work` inside a span, a child of the span it is called within (or a new trace). */
  span<T>(name: string, kind: SpanKind, attributes: SpanAttributes, work: () => Promise<T>): Promise<T>;
  /** Adds attributes to the span the caller is within, if any. */
  annotate(attributes: SpanAttributes): void;
  /** Marks the current span (and its turn) failed, with the reference the officer was given. */
  failed(reference: string, error: unknown): void;
  /** Sends what is still buffered. */
  shutdown(): Promise<void>;
}

export const noTracing: Tracing = {
  enabled: false,
  span: (_name, _kind, _attributes, work) => work(),
  annotate: () => undefined,
  failed: () => undefined,
  shutdown: async () => undefined,
};

/** The part of an OpenTelemetry span this module uses. */
export interface SpanLike {
  setAttributes(attributes: SpanAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** Starts a span as a child of `parent` (undefined: a new trace); supplied by telemetry.ts. */
export type StartSpan = (name: string, kind: SpanKind, attributes: SpanAttributes, parent: SpanLike | undefined) => SpanLike;

/** OpenTelemetry's status code for an error (SpanStatusCode.ERROR). */
const ERROR = 2;

/**
 * Tracing over a span factory, keeping the current span in AsyncLocalStorage so a storage call
 * deep in a turn finds its turn without being passed anything.
 */
export function tracingWith(start: StartSpan, shutdown: () => Promise<void>): Tracing {
  const current = new AsyncLocalStorage<{ span: SpanLike; root: SpanLike }>();
  return {
    enabled: true,
    async span(name, kind, attributes, work) {
      const parent = current.getStore();
      const span = start(name, kind, attributes, parent?.span);
      try {
        return await current.run({ span, root: parent?.root ?? span }, work);
      } catch (error) {
        span.setAttributes({ 'toolkit.error.type': errorType(error) });
        span.setStatus({ code: ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
    annotate(attributes) {
      current.getStore()?.span.setAttributes(attributes);
    },
    failed(reference, error) {
      const store = current.getStore();
      if (!store) return;
      for (const span of new Set([store.span, store.root])) {
        span.setAttributes({ 'toolkit.reference': reference, 'toolkit.error.type': errorType(error) });
        span.setStatus({ code: ERROR });
      }
    },
    shutdown,
  };
}

/** The error's class name only: messages can quote record ids or what someone typed. */
export function errorType(error: unknown): string {
  const original = (error as { error?: unknown } | undefined)?.error instanceof Error ? (error as { error: Error }).error : error;
  const name = original instanceof Error ? original.constructor.name || original.name : typeof original;
  return /^[A-Za-z0-9_$]{1,60}$/.test(name) ? name : 'Error';
}
