/**
 * Fetches a model file with byte-level progress, keeping a copy in Cache Storage so that a reload
 * does not download it again. The cache key includes the content stamp so a rebuilt model replaces the old one.
 */
const CACHE_NAME = 'attention-exchange-models-v1';

export interface FetchProgress {
  loadedBytes: number;
  totalBytes: number | null;
}

export interface CachedBytes {
  bytes: Uint8Array<ArrayBuffer>;
  fromCache: boolean;
}

async function openCache(): Promise<Cache | null> {
  // Cache Storage exists only in secure contexts; without it we still load, just without caching.
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(CACHE_NAME);
  } catch {
    return null;
  }
}

/** Throws when a download of this many bytes is too large; called with the announced size and as bytes arrive. */
export type SizeCheck = (bytes: number) => void;

/**
 * Whether a response is an HTML page: single-page-app servers answer a missing file with their
 * index.html and status 200, which must not pass for a model file.
 */
export function isWebPage(response: Response): boolean {
  return response.headers.get('Content-Type')?.startsWith('text/html') ?? false;
}

export async function fetchWithCache(
  url: string,
  cacheKey: string,
  onProgress: (progress: FetchProgress) => void,
  checkSize: SizeCheck = () => {},
): Promise<CachedBytes> {
  const cache = await openCache();
  const cached = await cache?.match(cacheKey);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    onProgress({ loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength });
    return { bytes, fromCache: true };
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status} ${response.statusText}`);
  if (isWebPage(response)) throw new Error(`Could not download ${url}: the server answered with a web page, not the file`);
  const header = response.headers.get('Content-Length');
  const totalBytes = header ? Number(header) : null;
  if (totalBytes !== null) checkSize(totalBytes);
  const bytes = await readWithProgress(response, totalBytes, onProgress, checkSize);
  await cache?.put(cacheKey, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
  return { bytes, fromCache: false };
}

async function readWithProgress(
  response: Response,
  totalBytes: number | null,
  onProgress: (progress: FetchProgress) => void,
  checkSize: SizeCheck,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    checkSize(bytes.byteLength);
    onProgress({ loadedBytes: bytes.byteLength, totalBytes });
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    try {
      checkSize(loadedBytes);
    } catch (error) {
      await reader.cancel();
      throw error;
    }
    onProgress({ loadedBytes, totalBytes });
  }
  const bytes = new Uint8Array(loadedBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Removes a cached copy (a forgotten user model); nothing happens when there is none. */
export async function dropCached(cacheKey: string): Promise<void> {
  await (await openCache())?.delete(cacheKey);
}
