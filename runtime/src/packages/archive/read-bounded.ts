import type { Readable } from "node:stream";

/** What reading at most `limit` bytes gave; `read` counts every byte that came, kept or not. */
export type BoundedRead =
  | { outcome: "read"; bytes: Buffer; read: number }
  | { outcome: "too-large"; read: number }
  | { outcome: "failed"; error: unknown; read: number };

/**
 * The stream's bytes, or `too-large` as soon as they pass `limit`: reading stops there (the stream
 * is destroyed), so what an entry claims about its size never decides how much is inflated.
 */
export async function readAtMost(stream: Readable, limit: number): Promise<BoundedRead> {
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (read > limit) return { outcome: "too-large", read };
      chunks.push(chunk);
    }
  } catch (error) {
    return { outcome: "failed", error, read };
  } finally {
    stream.destroy();
  }
  return { outcome: "read", bytes: Buffer.concat(chunks, read), read };
}
