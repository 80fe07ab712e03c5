import type { Agent } from 'node:https';
import { noTracing, tracingWith, type SpanKind, type Tracing } from './tracing.js';

export const SERVICE_NAME = 'partnership-toolkit-bot';

export interface TelemetryOptions {
  /** Application Insights connection string (APPLICATIONINSIGHTS_CONNECTION_STRING). */
  connectionString?: string;
  /** Role instance shown in Application Insights; App Service's instance id by default. */
  instance?: string;
  /**
   * Only for tests: the HTTPS agent the exporter connects with, so a local ingestion endpoint with
   * a self-signed certificate can stand in for Application Insights (as COSMOS_ALLOW_SELF_SIGNED
   * does for the Cosmos test server). Production uses the default, which checks certificates.
   */
  agent?: Agent;
}

/**
 * Traces to Application Insights through OpenTelemetry (the Azure Monitor exporter and the
 * OpenTelemetry trace SDK, no automatic instrumentation: what is traced, and with which
 * attributes, is decided in src/telemetry/tracing.ts, so no URL with a document link's token and
 * no message text can reach it). Without a connection string nothing is loaded.
 *
 * The provider is the bot's own, not registered globally, so two apps in one process (tests)
 * each keep their own.
 */
export async function startTelemetry(options: TelemetryOptions): Promise<Tracing> {
  if (!options.connectionString) return noTracing;
  const [{ AzureMonitorTraceExporter }, { BasicTracerProvider, BatchSpanProcessor }, { resourceFromAttributes }, api] = await Promise.all([
    import('@azure/monitor-opentelemetry-exporter'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/api'),
  ]);
  const exporter = new AzureMonitorTraceExporter({ connectionString: options.connectionString, ...(options.agent ? { agent: options.agent } : {}) });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': SERVICE_NAME,
      'service.instance.id': options.instance ?? process.env['WEBSITE_INSTANCE_ID'] ?? 'local',
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 2_000 })],
  });
  const tracer = provider.getTracer(SERVICE_NAME);
  const kinds: Record<SpanKind, number> = { server: api.SpanKind.SERVER, client: api.SpanKind.CLIENT, internal: api.SpanKind.INTERNAL };
  return tracingWith(
    (name, kind, attributes, parent) => {
      const context = parent ? api.trace.setSpan(api.ROOT_CONTEXT, parent as never) : api.ROOT_CONTEXT;
      return tracer.startSpan(name, { kind: kinds[kind], attributes }, context);
    },
    () => provider.shutdown(),
  );
}
