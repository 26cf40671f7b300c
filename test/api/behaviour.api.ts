import { describe } from "vitest";
import { httpDriver } from "../../service/test/behaviour/http-driver.ts";
import { describeBehaviour } from "../../service/test/behaviour/suite.ts";
import { resolveTarget } from "./target.ts";

// The service's behaviour suite against a deployed stack: `npm run test:api -- <url>`
// (test/api/run.ts passes the URL in STACKCTL_TEST_API_URL; docs/ci.md).
const url = process.env.STACKCTL_TEST_API_URL;
if (url === undefined || url === "")
  throw new Error("STACKCTL_TEST_API_URL is not set (npm run test:api -- <url>)");
const target = await resolveTarget(url, process.env.STACKCTL_TEST_API_ENDPOINT || undefined);

describe(`${target.url} (${target.mode} mode, gateway: ${target.gateway})`, () =>
  describeBehaviour(() => ({ ...httpDriver("stack", target.url, target.mode), quirks: target.quirks })));
