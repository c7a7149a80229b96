import { Worker } from "node:worker_threads";

/** One autocannon run: the requests cycle through `paths` on the server at `url`. */
export interface LoadSpec {
  url: string;
  method: "GET" | "POST";
  paths: readonly string[];
  body?: string;
  /** sent with every request, e.g. the generated side's `authorization` */
  headers?: Readonly<Record<string, string>>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: string[];
}

/**
 * Runs `spec` on a worker thread and fails loudly unless every response was a 2xx: a benchmark
 * of error responses measures nothing. The failure carries one response of the same request.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.js", import.meta.url), { workerData: spec });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`load worker exited with code ${code}`)));
  });
  if (result.non2xx + result.errors + result.timeouts > 0 || result.total === 0) {
    const sample = await fetch(new URL(spec.paths[0]!, spec.url), {
      method: spec.method,
      headers: {
        ...spec.headers,
        ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: spec.body ?? null,
    });
    throw new Error(
      `${spec.method} ${spec.url}${spec.paths[0]}: ${result.non2xx} non-2xx (status ${result.statusCodes.join(", ")}), ` +
        `${result.errors} errors, ${result.timeouts} timeouts out of ${result.total}; ` +
        `one response: ${sample.status} ${(await sample.text()).slice(0, 500)}`,
    );
  }
  return result;
}
