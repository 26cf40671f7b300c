import net from "node:net";
import { afterEach } from "vitest";

/*
 * The unit tier's guard (vitest.config.ts `setupFiles` of the `unit` project): a unit test may open
 * sockets only to servers its own process listens on (dynalite, s3rver, a fake LocalStack, a port it
 * freed). Anything else (the emulators on 127.0.0.1:4566/4567, the Docker engine's socket, the
 * internet) is refused as a free port would refuse it, and the test fails after it ran, naming what
 * it reached. `scripts/unit-hermetic.sh` proves the same for child processes from outside.
 */

const loopbackHosts = new Set([undefined, "", "localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const ownPorts = new Set<number>();
const ownPaths = new Set<string>();
const reached: string[] = [];

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
  this.once("listening", () => {
    const address = this.address();
    if (typeof address === "string") ownPaths.add(address);
    else if (address !== null) ownPorts.add(address.port);
  });
  return Reflect.apply(listen, this, args) as net.Server;
} as typeof listen;

interface Destination {
  /** An HTTP agent passes `path: null` for TCP. */
  path?: string | null;
  port?: number | string;
  host?: string;
}

/** `socket.connect`'s arguments as `net.connect` normalises them (an array), or as a caller wrote them. */
function destinationOf(args: unknown[]): Destination {
  const first = Array.isArray(args[0]) ? (args[0][0] as unknown) : args[0];
  if (typeof first === "object" && first !== null) return first as Destination;
  if (typeof first === "string" && Number.isNaN(Number(first))) return { path: first };
  return { port: first as number, host: typeof args[1] === "string" ? args[1] : undefined };
}

function outside(to: Destination): string | undefined {
  if (typeof to.path === "string") return ownPaths.has(to.path) ? undefined : `unix:${to.path}`;
  const port = Number(to.port);
  if (loopbackHosts.has(to.host) && ownPorts.has(port)) return undefined;
  return `${to.host ?? "localhost"}:${port}`;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const where = outside(destinationOf(args));
  if (where === undefined) return Reflect.apply(connect, this, args) as net.Socket;
  reached.push(where);
  const refused = Object.assign(new Error(`connect ECONNREFUSED ${where} (unit tier: outside the process)`), {
    code: "ECONNREFUSED",
  });
  process.nextTick(() => this.destroy(refused));
  return this;
} as typeof connect;

afterEach(() => {
  if (reached.length === 0) return;
  const list = [...new Set(reached.splice(0))].join(", ");
  throw new Error(
    `this unit test reached outside its process (${list}); pass fakes for the probe, AWS and the ` +
      "container engine (cli/test/support/fakes.ts, fake-aws.ts): real emulators and Docker are the e2e tier's",
  );
});
