// Runs autocannon on its own thread, so the load generator does not share the event loop of the
// servers it measures. Plain JavaScript: a worker thread does not inherit tsx's loader.
import { parentPort, workerData } from "node:worker_threads";
import autocannon from "autocannon";

/** @type {import("./load.ts").LoadSpec} */
const spec = workerData;
let next = 0;
const options = { url: spec.url, connections: spec.connections, duration: spec.seconds };
// off the main thread autocannon hands back its raw result: aggregate it as the main thread would
const raw = await autocannon({
  ...options,
  requests: [
    {
      method: spec.method,
      headers: {
        ...spec.headers,
        ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: spec.body,
      setupRequest: (request) => ({ ...request, path: spec.paths[next++ % spec.paths.length] }),
    },
  ],
});
const result = autocannon.aggregateResult([raw], options);
parentPort.postMessage({
  // completed requests over the run's wall time (the per-second histogram is not aggregated)
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes: Object.keys(result.statusCodeStats),
});
