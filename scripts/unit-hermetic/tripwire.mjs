// Listens where the outside world would be (the emulators' ports, the Docker engine's socket) and
// records every connection in <log>, closing it at once. Used by scripts/unit-hermetic/run.sh.
// Usage: node tripwire.mjs <log> <ready-file> <port|socket-path>...
import { appendFileSync, writeFileSync } from "node:fs";
import net from "node:net";

const [log, readyFile, ...targets] = process.argv.slice(2);
if (log === undefined || readyFile === undefined || targets.length === 0) {
  console.error("usage: tripwire.mjs <log> <ready-file> <port|socket-path>...");
  process.exit(2);
}

writeFileSync(log, "");
const servers = targets.map(
  (target) =>
    new Promise((resolve, reject) => {
      const where = /^\d+$/.test(target) ? `127.0.0.1:${target}` : `unix:${target}`;
      const server = net.createServer((socket) => {
        appendFileSync(log, `${new Date().toISOString()} ${where}\n`);
        socket.destroy();
      });
      server.once("error", reject);
      if (/^\d+$/.test(target)) server.listen(Number(target), "127.0.0.1", () => resolve(server));
      else server.listen(target, () => resolve(server));
    }),
);

Promise.all(servers).then(
  () => writeFileSync(readyFile, `${process.pid}\n`),
  (error) => {
    console.error(`tripwire: ${error.message}`);
    process.exit(1);
  },
);
process.on("SIGTERM", () => process.exit(0));
