import { createServer } from "node:net";
import type { HostPorts } from "../engine/ports.ts";

/** Host ports through node:net: a port is free when an exclusive listener can bind it. */
export const netHostPorts: HostPorts = {
  isFree(port) {
    return new Promise((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
    });
  },
};
