// Takes every request through its steps, `connections` at a time, on its own thread: the load
// generator does not share the event loop of the server it measures. node:http with keep-alive
// rather than fetch, to take as little of the machine from the server as it can. Plain
// JavaScript: a worker thread does not inherit tsx's loader.
import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ url: string, ids: string[], connections: number, steps: { action: string, headers: Record<string, string>, body?: unknown }[], entity: string }} */
const spec = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
const { hostname, port } = new URL(spec.url);

function post(path, headers, body) {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body ?? {});
    const req = request(
      {
        agent,
        hostname,
        port,
        path,
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        },
      },
      (res) => {
        let answer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          answer += chunk;
        });
        res.on("end", () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`${path}: ${res.statusCode} ${answer}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: spec.connections }, async () => {
    while (next < spec.ids.length) {
      const id = spec.ids[next++];
      for (const step of spec.steps)
        await post(
          `/api/workflow/${spec.entity}/${id}/actions/${step.action}`,
          step.headers,
          step.body,
        );
    }
  }),
);
parentPort.postMessage({ seconds: (performance.now() - started) / 1000 });
agent.destroy();
