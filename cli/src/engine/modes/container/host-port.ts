import { createServer } from "node:net";

/** Whether nothing listens on 127.0.0.1:port (so Docker can publish it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Docker's refusal to publish a port something else bound first ("port is already allocated"). */
export function portTakenAtBind(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /port is already allocated|address already in use/i.test(message);
}
