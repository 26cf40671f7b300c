import type { AddressInfo } from "node:net";
import { ConfigError, readConfig } from "./config.ts";
import { createLogger, wireApp } from "./wire.ts";

const DRAIN_TIMEOUT_MS = 10_000;

function start(): void {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`inventory service cannot start: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(config, "container");
  const server = wireApp(config, "container", logger).listen(config.port, "0.0.0.0", () => {
    logger.info({ port: (server.address() as AddressInfo).port, version: config.version }, "listening");
  });
  server.on("error", (error) => {
    logger.fatal({ err: error }, `cannot listen on port ${config.port}`);
    process.exit(1);
  });

  // Stop taking connections, let requests in flight finish, then leave; a stuck one gets a deadline.
  const drain = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "draining");
    server.close(() => {
      logger.info("drained");
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn("drain deadline passed; closing remaining connections");
      server.closeAllConnections();
      process.exit(0);
    }, DRAIN_TIMEOUT_MS).unref();
  };
  process.once("SIGTERM", drain);
  process.once("SIGINT", drain);
}

start();
