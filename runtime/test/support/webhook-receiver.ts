import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A receiver as a webhook's owner would write one: it applies each Idempotency-Key once, however
 * often a call arrives. `answers` are the statuses of its first calls (then 200; `hang` never answers).
 */
export async function startReceiver(answers: (number | "hang")[]) {
  const received: Received[] = [];
  const applied = new Map<string, unknown>();
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => {
      const body = JSON.parse(text);
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") return;
      const key = String(req.headers["idempotency-key"]);
      if (answer === 200 && !applied.has(key)) applied.set(key, body);
      res.writeHead(answer, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    applied,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
