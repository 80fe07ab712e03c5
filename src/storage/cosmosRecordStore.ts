import { Agent } from 'node:https';
import {
  CosmosClient,
  type Container,
  type FeedOptions,
  type FeedResponse,
  type IndexingPolicy,
  type ItemResponse,
  type SqlParameter,
  type SqlQuerySpec,
} from '@azure/cosmos';
import type { CosmosSettings } from '../config/config.js';
import {
  assertFieldPath,
  assertKey,
  pageSizeOf,
  type Condition,
  type RecordKey,
  type RecordPage,
  type RecordQuery,
  type RecordStore,
  type StoredRecord,
} from './recordStore.js';
import { isStorageUnavailable, RecordConflictError, RecordNotFoundError, StaleRecordError, StorageThrottledError, StorageUnavailableError } from './storageErrors.js';

export const RECORDS_PARTITION_KEY_PATH = '/pk';

/**
 * Everything stays range-indexed (queries may filter on any body field); the composite
 * indexes serve the cross-partition status questions, which filter on kind and then
 * on a due date, a status or a change time.
 */
export const RECORDS_INDEXING_POLICY = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: [{ path: '/*' }],
  excludedPaths: [{ path: '/"_etag"/?' }],
  compositeIndexes: [
    [
      { path: '/kind', order: 'ascending' },
      { path: '/body/nextReviewDue', order: 'ascending' },
    ],
    [
      { path: '/kind', order: 'ascending' },
      { path: '/body/status', order: 'ascending' },
    ],
    [
      { path: '/kind', order: 'ascending' },
      { path: '/body/updatedAt', order: 'ascending' },
    ],
  ],
} satisfies IndexingPolicy;

/** How a record is stored: one container for every kind, so `id` carries the kind to stay unique per partition. */
interface RecordDocument<T> {
  id: string;
  pk: string;
  kind: string;
  key: string;
  updatedAt: string;
  body: T;
  _etag?: string;
}

/** Timeout, gone, throttled, retry-with: "try later", reaching us only once the SDK has given up retrying. */
const UNAVAILABLE_STATUSES = new Set([408, 410, 429, 449]);

/**
 * Azure Cosmos DB (NoSQL API). Every record kind shares one container partitioned by
 * `/pk`; optimistic concurrency uses the service's `_etag`.
 */
export class CosmosRecordStore implements RecordStore {
  readonly name = 'cosmos' as const;
  private closed = false;

  constructor(
    private readonly client: CosmosClient,
    private readonly container: Container,
    private readonly agent?: Agent,
  ) {}

  async read<T>(key: RecordKey): Promise<StoredRecord<T> | undefined> {
    assertKey(key);
    let response: ItemResponse<RecordDocument<T>>;
    try {
      response = await this.item(key).read<RecordDocument<T>>();
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw failure(error);
    }
    // The SDK reports a missing item as a 404 response rather than an error.
    if (response.statusCode === 404 || !response.resource) return undefined;
    return toRecord(response.resource);
  }

  async create<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    assertKey(key);
    try {
      const { resource } = await this.container.items.create(newDocument(key, body));
      return toRecord(expectResource(resource));
    } catch (error) {
      if (statusOf(error) === 409) throw new RecordConflictError(key);
      throw failure(error);
    }
  }

  async replace<T>(key: RecordKey, body: T, etag: string): Promise<StoredRecord<T>> {
    assertKey(key);
    try {
      const { resource } = await this.item(key).replace(newDocument(key, body), {
        accessCondition: { type: 'IfMatch', condition: etag },
      });
      return toRecord(expectResource(resource));
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) throw new RecordNotFoundError(key);
      if (status === 412) throw new StaleRecordError(key);
      throw failure(error);
    }
  }

  async upsert<T>(key: RecordKey, body: T): Promise<StoredRecord<T>> {
    assertKey(key);
    try {
      const { resource } = await this.container.items.upsert<RecordDocument<T>>(newDocument(key, body));
      return toRecord(expectResource(resource));
    } catch (error) {
      throw failure(error);
    }
  }

  async delete(key: RecordKey, etag?: string): Promise<boolean> {
    assertKey(key);
    try {
      await this.item(key).delete(etag === undefined ? undefined : { accessCondition: { type: 'IfMatch', condition: etag } });
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return false;
      if (status === 412) throw new StaleRecordError(key);
      throw failure(error);
    }
  }

  async query<T>(query: RecordQuery): Promise<RecordPage<T>> {
    const pageSize = pageSizeOf(query);
    const spec = toSqlQuery(query);
    const items: StoredRecord<T>[] = [];
    let continuation = query.continuation;
    // Cosmos may answer with fewer items than asked and a continuation; keep going so a page
    // is full whenever more follows, as it is with SQLite. Asking only for what is still
    // missing means the last SDK page never overshoots, so the token resumes right after it.
    do {
      const options: FeedOptions = {
        maxItemCount: pageSize - items.length,
        continuationToken: continuation,
        // Without it, the SDK refuses continuation tokens for queries that span partitions.
        enableQueryControl: true,
      };
      if (query.partition !== undefined) {
        options.partitionKey = query.partition;
      } else if (continuation !== undefined && isComposedBySdk(continuation)) {
        // @azure/cosmos 4.9.3 first sends a resumed query straight to the gateway, which
        // cannot parse the SDK's own cross-partition token (Azure/azure-sdk-for-js#39115);
        // starting from the query plan keeps the token on the client.
        options.forceQueryPlan = true;
      }
      let response: FeedResponse<RecordDocument<T>>;
      try {
        response = await this.container.items.query<RecordDocument<T>>(spec, options).fetchNext();
      } catch (error) {
        throw failure(error);
      }
      for (const document of response.resources) items.push(toRecord(document));
      continuation = response.continuationToken || undefined;
    } while (items.length < pageSize && continuation !== undefined);
    return { items, continuation };
  }

  async ping(): Promise<void> {
    try {
      await this.container.read();
    } catch (error) {
      throw unavailable(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.client.dispose();
    this.agent?.destroy();
  }

  private item(key: RecordKey) {
    return this.container.item(documentId(key), key.partition);
  }
}

/**
 * Connects, creating the database and the container when they are missing.
 * An existing container is used as it is, but it must be partitioned on `/pk`.
 */
export async function openCosmosRecordStore(settings: CosmosSettings): Promise<CosmosRecordStore> {
  // Scoped to this client: a process-wide NODE_TLS_REJECT_UNAUTHORIZED would weaken every other connection.
  const agent = settings.allowSelfSignedCertificate ? new Agent({ rejectUnauthorized: false, keepAlive: true }) : undefined;
  const client = new CosmosClient({
    endpoint: settings.endpoint,
    ...(await credentialsFor(settings)),
    // A local test server advertises no regions to discover.
    ...(agent ? { agent, connectionPolicy: { enableEndpointDiscovery: false } } : {}),
  });
  try {
    // With Entra sign-in the bot holds a data-plane role only, which cannot create databases or
    // containers: the deployment (the Bicep) creates them, and the bot checks they are right.
    if (settings.managedIdentityClientId) {
      const container = client.database(settings.database).container(settings.container);
      const { resource } = await container.read();
      checkPartitioning(settings, resource?.partitionKey?.paths);
      return new CosmosRecordStore(client, container, agent);
    }
    const { database } = await client.databases.createIfNotExists({ id: settings.database });
    const { container, resource } = await database.containers.createIfNotExists({
      id: settings.container,
      partitionKey: { paths: [RECORDS_PARTITION_KEY_PATH] },
      // A copy, so the SDK cannot change the exported constant.
      indexingPolicy: structuredClone(RECORDS_INDEXING_POLICY),
    });
    checkPartitioning(settings, resource?.partitionKey?.paths);
    return new CosmosRecordStore(client, container, agent);
  } catch (error) {
    client.dispose();
    agent?.destroy();
    throw failure(error);
  }
}

function checkPartitioning(settings: CosmosSettings, paths: string[] | undefined): void {
  if (paths && (paths.length !== 1 || paths[0] !== RECORDS_PARTITION_KEY_PATH)) {
    throw new Error(`Cosmos container ${settings.database}/${settings.container} is partitioned on ${paths.join(', ')}, not ${RECORDS_PARTITION_KEY_PATH}`);
  }
}

/**
 * The account key, or the user-assigned managed identity's Entra token (Cosmos DB's data-plane
 * roles, no key anywhere). @azure/identity is loaded only for the latter.
 */
async function credentialsFor(settings: CosmosSettings): Promise<{ key: string } | { aadCredentials: import('@azure/identity').TokenCredential }> {
  if (settings.key) return { key: settings.key };
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return { aadCredentials: new ManagedIdentityCredential({ clientId: settings.managedIdentityClientId! }) };
}

function documentId(key: RecordKey): string {
  return `${key.kind}.${key.id}`;
}

function newDocument<T>(key: RecordKey, body: T): RecordDocument<T> {
  return {
    id: documentId(key),
    pk: key.partition,
    kind: key.kind,
    key: key.id,
    updatedAt: new Date().toISOString(),
    body,
  };
}

function expectResource<T>(resource: RecordDocument<T> | undefined): RecordDocument<T> {
  if (!resource) throw new Error('Azure Cosmos DB answered a write without the stored item');
  return resource;
}

function toRecord<T>(document: RecordDocument<T>): StoredRecord<T> {
  if (typeof document._etag !== 'string') throw new Error(`Cosmos item ${document.id} has no _etag`);
  return {
    kind: document.kind,
    partition: document.pk,
    id: document.key,
    etag: document._etag,
    updatedAt: document.updatedAt,
    body: document.body,
  };
}

/**
 * Bracket notation, because body fields may be named like SQL keywords (`value`, `order`);
 * assertFieldPath has already limited the segments to plain identifiers.
 */
function fieldRef(field: string): string {
  assertFieldPath(field);
  return `c.body${field
    .split('.')
    .map((segment) => `["${segment}"]`)
    .join('')}`;
}

function toSqlQuery(query: RecordQuery): SqlQuerySpec {
  // The partition also goes in the WHERE clause: the fake server ignores the partitionKey
  // option, and on the real service the filter is free once the option has routed the query.
  const clauses = ['c.kind = @kind'];
  const parameters: SqlParameter[] = [{ name: '@kind', value: query.kind }];
  if (query.partition !== undefined) {
    clauses.push('c.pk = @pk');
    parameters.push({ name: '@pk', value: query.partition });
  }
  for (const condition of query.where ?? []) {
    const name = `@p${parameters.length}`;
    const [sql, value] = conditionSql(condition, name);
    clauses.push(sql);
    if (value !== undefined) parameters.push({ name, value: value.value });
  }
  // Without an explicit order, c.id keeps pages stable between calls.
  const order = query.orderBy
    ? `${fieldRef(query.orderBy.field)} ${query.orderBy.direction === 'desc' ? 'DESC' : 'ASC'}`
    : 'c.id ASC';
  return { query: `SELECT * FROM c WHERE ${clauses.join(' AND ')} ORDER BY ${order}`, parameters };
}

/** Returns the clause and, when it uses one, the value of parameter `name`. */
function conditionSql(condition: Condition, name: string): [string, { value: SqlParameter['value'] } | undefined] {
  const field = fieldRef(condition.field);
  switch (condition.op) {
    case 'in':
      return [`ARRAY_CONTAINS(${name}, ${field})`, { value: condition.value }];
    case 'arrayContains':
      return [`ARRAY_CONTAINS(${field}, ${name})`, { value: condition.value }];
    case 'startsWith':
      return [`STARTSWITH(${field}, ${name})`, { value: condition.value }];
    // SQLite reads a missing field as NULL; Cosmos tells undefined from null, so say it explicitly.
    case '=':
      return condition.value === null
        ? [`(NOT IS_DEFINED(${field}) OR IS_NULL(${field}))`, undefined]
        : [`${field} = ${name}`, { value: condition.value }];
    case '!=':
      return condition.value === null
        ? [`(IS_DEFINED(${field}) AND NOT IS_NULL(${field}))`, undefined]
        : [`${field} != ${name}`, { value: condition.value }];
    default:
      return [`${field} ${condition.op} ${name}`, { value: condition.value }];
  }
}

/** True for the JSON tokens the SDK builds itself for cross-partition queries (rather than the service's). */
function isComposedBySdk(token: string): boolean {
  try {
    const parsed: unknown = JSON.parse(token);
    return typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { rangeMappings?: unknown }).rangeMappings);
  } catch {
    return false;
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

/** Errors with no HTTP status never reached the service: DNS, refused or reset connections, TLS, timeouts. */
function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return status >= 500 || UNAVAILABLE_STATUSES.has(status);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' || error.name === 'TimeoutError' || error.name === 'AbortError' || error.name === 'RestError';
}

function failure(error: unknown): unknown {
  if (isStorageUnavailable(error) || !isUnavailable(error)) return error;
  return unavailable(error);
}

/** Throttling that outlasted the SDK's retries is told apart from other outages. */
function unavailable(error: unknown): StorageUnavailableError {
  if (statusOf(error) === 429) return new StorageThrottledError('Azure Cosmos DB is throttling requests', { cause: error });
  return new StorageUnavailableError('Azure Cosmos DB did not answer', { cause: error });
}
