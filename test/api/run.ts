import { execa } from "execa";

// `npm run test:api -- <url> [--endpoint <emulator>]`: the service's behaviour suite
// (service/test/behaviour/suite.ts) against a deployed stack's URL, as `stackctl up --output env`
// prints it in STACKCTL_API_URL. Exits with vitest's code (non-zero when a case failed, each one named).
const usage = "usage: npm run test:api -- <url> [--endpoint <emulator url>] [--reporter <vitest reporter>]";
const args = process.argv.slice(2);
let url: string | undefined;
let endpoint: string | undefined;
let reporter = "verbose";
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--endpoint") endpoint = args[++i];
  else if (arg === "--reporter") reporter = args[++i] ?? reporter;
  else if (arg === "--help" || arg === "-h") {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  } else if (arg !== undefined && url === undefined && !arg.startsWith("-")) url = arg;
  else {
    process.stderr.write(`unexpected argument ${arg}\n${usage}\n`);
    process.exit(2);
  }
}
if (url === undefined || !/^https?:\/\//.test(url)) {
  process.stderr.write(`${url === undefined ? "no URL given" : `not an http(s) URL: ${url}`}\n${usage}\n`);
  process.exit(2);
}

const config = new URL("./vitest.config.ts", import.meta.url).pathname;
const run = await execa("npx", ["vitest", "run", "--config", config, `--reporter=${reporter}`], {
  stdio: "inherit",
  reject: false,
  env: {
    STACKCTL_TEST_API_URL: url,
    ...(endpoint === undefined ? {} : { STACKCTL_TEST_API_ENDPOINT: endpoint }),
  },
});
process.exit(run.exitCode ?? 1);
