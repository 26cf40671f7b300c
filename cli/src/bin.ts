import { main } from "./main.ts";

// The only place that exits. First Ctrl-C asks the running command to stop between steps (exit 130,
// ledger consistent); a second one exits at once.
// `stackctl doctor` reports the Node version; the SDK's own multi-line notice would only add noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = code;
// Pipes are asynchronous on some platforms (macOS): let stdout/stderr drain before exiting, so a
// `--json` consumer always gets the final result line.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))),
);
// Lingering sockets (SDK keep-alive, Docker) must not hold the process open after the result.
process.exit(code);
