import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nodeCheck } from "../src/engine/doctor.ts";
import { nodeSupport, supportedNodeRange } from "../src/engine/node-support.ts";

const root = new URL("../../", import.meta.url);
const engines = (
  JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { engines: { node: string } }
).engines.node;
const pinnedLines = /^NODE_LINE_VERSIONS="([^"]+)"$/m
  .exec(readFileSync(new URL("scripts/test-env/versions.env", root), "utf8"))?.[1]
  ?.split(" ");

describe("the Node versions stackctl supports", () => {
  it("are package.json's engines, and every line CI runs on is inside them", () => {
    expect(supportedNodeRange).toBe(engines);
    expect(pinnedLines?.map((version) => version.split(".")[0])).toEqual(["22", "24", "26"]);
    for (const version of pinnedLines ?? []) expect(nodeSupport(version), version).toBe("supported");
  });

  it("tell a supported release from one below its line's floor and from an unsupported line", () => {
    expect(["22.22.2", "22.23.5", "v24.15.0", "24.22.3", "26.0.0", "27.1.0"].map(nodeSupport)).toEqual(
      Array(6).fill("supported"),
    );
    expect(["20.20.2", "22.12.0", "22.22.1", "24.14.9", "18.0.0"].map(nodeSupport)).toEqual(
      Array(5).fill("below-floor"),
    );
    expect(["23.11.0", "25.2.1"].map(nodeSupport)).toEqual(["unsupported-line", "unsupported-line"]);
  });

  it("doctor's node check names the running Node and the supported range, warning outside it", () => {
    expect(nodeCheck()).toMatchObject({
      name: "node",
      detail: `Node ${process.versions.node} (stackctl supports ${engines})`,
    });
    expect(nodeCheck("24.22.3")).toEqual({
      name: "node",
      verdict: "pass",
      detail: `Node 24.22.3 (stackctl supports ${engines})`,
      fix: "",
    });
    expect(nodeCheck("20.20.2")).toMatchObject({
      verdict: "warn",
      fix: expect.stringMatching(/^Older than/),
    });
    expect(nodeCheck("25.2.1")).toMatchObject({
      verdict: "warn",
      fix: expect.stringMatching(/^Not a supported/),
    });
  });

  // scripts/node-lines/run.sh puts a line's node first on PATH and names it here: vitest's worker and
  // a `node` spawned from PATH (as the bin is, in bin.e2e.test.ts) must both run on it.
  const line = process.env.STACKCTL_TEST_NODE_LINE;
  if (line !== undefined && line !== "") {
    it(`runs on the Node line the runner chose (${line})`, () => {
      expect(process.version).toBe(line);
      expect(execFileSync("node", ["-p", "process.version"], { encoding: "utf8" }).trim()).toBe(line);
    });
  }
});
