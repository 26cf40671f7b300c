import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { loadTestEnvFile } from "../support/test-env.ts";

afterEach(() => vi.unstubAllEnvs());

it("loads the sourceable .test-env that up.sh writes without overriding what is already set", () => {
  const file = join(mkdtempSync(join(tmpdir(), "stackctl-test-env-")), ".test-env");
  writeFileSync(
    file,
    [
      "# Written by scripts/test-env/up.sh",
      "export STACKCTL_TEST_PROBE_A=http://127.0.0.1:4566",
      "export STACKCTL_TEST_PROBE_B='quoted value'",
      "export STACKCTL_TEST_PROBE_C=from-file",
    ].join("\n"),
  );
  vi.stubEnv("STACKCTL_TEST_PROBE_A", undefined);
  vi.stubEnv("STACKCTL_TEST_PROBE_B", undefined);
  vi.stubEnv("STACKCTL_TEST_PROBE_C", "from-caller");
  loadTestEnvFile(file);
  expect(process.env.STACKCTL_TEST_PROBE_A).toBe("http://127.0.0.1:4566");
  expect(process.env.STACKCTL_TEST_PROBE_B).toBe("quoted value");
  expect(process.env.STACKCTL_TEST_PROBE_C).toBe("from-caller");
});
