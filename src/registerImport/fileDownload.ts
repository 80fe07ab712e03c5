import type { FileDownloadSettings } from '../config/config.js';

/**
 * Fetches a file an officer sent the bot in Teams. Teams hands the bot a
 * short-lived, pre-authorised download URL on the attachment; the bot takes it
 * only from the hosts Teams files live on (SharePoint and OneDrive, over https),
 * or in tests from one configured local origin. Redirects are followed only to
 * allowed hosts, at most three times; the body is read up to a size limit and a
 * time limit, so a link to anything else (an internal address, a metadata
 * service, an endless stream) is never fetched or read.
 */
export class FileDownloadError extends Error {
  override readonly name = 'FileDownloadError';
  constructor(
    message: string,
    readonly reason: 'not-allowed' | 'too-large' | 'failed',
  ) {
    super(message);
  }
}

const MAX_REDIRECTS = 3;
const TIME_LIMIT_MS = 30_000;

export function isAllowedDownload(url: string, settings: FileDownloadSettings): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (settings.testOrigin && parsed.origin === settings.testOrigin) return true;
  if (parsed.protocol !== 'https:' || (parsed.port !== '' && parsed.port !== '443')) return false;
  const host = parsed.hostname.toLowerCase();
  return settings.allowedHosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && host.length > allowed.length - 1 : host === allowed));
}

export async function downloadFile(url: string, settings: FileDownloadSettings, fetcher: typeof fetch = fetch): Promise<Buffer> {
  let target = url;
  const signal = AbortSignal.timeout(TIME_LIMIT_MS);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedDownload(target, settings)) throw new FileDownloadError('the file is not on a host Teams files come from', 'not-allowed');
    let response: Response;
    try {
      response = await fetcher(target, { redirect: 'manual', signal, headers: { accept: '*/*' } });
    } catch {
      throw new FileDownloadError('the file could not be fetched', 'failed');
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) throw new FileDownloadError('the file could not be fetched', 'failed');
      target = new URL(location, target).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FileDownloadError(`the file could not be fetched (status ${response.status})`, 'failed');
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > settings.maxBytes) {
      await response.body?.cancel();
      throw new FileDownloadError('the file is too large', 'too-large');
    }
    return readLimited(response, settings.maxBytes);
  }
  throw new FileDownloadError('the file could not be fetched (too many redirects)', 'failed');
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FileDownloadError('the file is too large', 'too-large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FileDownloadError) throw error;
    throw new FileDownloadError('the file could not be fetched', 'failed');
  }
  return Buffer.concat(chunks);
}
