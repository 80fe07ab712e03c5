import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stands in for SharePoint: serves files at paths on loopback, as Teams' download URLs would. */
export interface FileServer {
  origin: string;
  /** Serves `content` at a new path; returns its URL. */
  put(name: string, content: Buffer | string): string;
  /** How many times each path was fetched. */
  fetches(): string[];
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, Buffer>();
  const fetched: string[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    fetched.push(path);
    const file = files.get(path);
    if (!file) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-length', String(file.length));
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    put(name, content) {
      const path = `/files/${++n}/${encodeURIComponent(name)}`;
      files.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
      return `${origin}${path}?tempauth=test`;
    },
    fetches: () => [...fetched],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
