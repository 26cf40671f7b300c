import { readFile } from "node:fs/promises";
import path from "node:path";
import Docker from "dockerode";
import { afterEach, describe, expect, it } from "vitest";
import { detectTier } from "../../test/support/tiers.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData } from "./support/nd-json.ts";
import { realBin } from "./support/real-bin.ts";

// issue 18 item 6: a developer with real AWS credentials exported runs `up`; nothing of them reaches
// the service container (`docker inspect`), its labels or name, the function, or the ledger.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);

const hostCredentials = {
  AWS_ACCESS_KEY_ID: "AKIAHOSTLEAK7EXAMPLE",
  AWS_SECRET_ACCESS_KEY: "host/secret+LEAK/wJalrXUtnFEMIK7MDENGbPxRfiCY",
  AWS_SESSION_TOKEN: "FwoGZXIvYXdzEHOSTSESSIONLEAKtoken",
};
const leaks = Object.values(hostCredentials);

function expectNoLeak(what: string, text: string) {
  for (const leak of leaks) expect(text, `${what} carries ${leak}`).not.toContain(leak);
}

interface UpData {
  resources: { containerId: string | null; functionName: string | null };
  deploy: { package?: "image" | "zip"; image?: { tag: string } | null };
}

describe.skipIf(tier.skipReason !== undefined)(
  "host AWS credentials never reach a container or a function",
  () => {
    const stacks = e2eStacks(tier.env.endpoint);
    const docker = new Docker();
    afterEach(() => stacks.cleanup());

    it("container mode, then lambda mode, with distinctive credentials exported", async () => {
      const { cwd, stack } = await stacks.create("creds");
      const cli = realBin(cwd, { ...stacks.env, ...hostCredentials });
      const up = await cli("up", "--mode", "container", "--json", "--stack", stack);
      expect(up.exitCode, `${up.stdout}${up.stderr}`).toBe(0);
      expectNoLeak("up's output", `${up.stdout}${up.stderr}`);
      const { resources } = okData<UpData>(String(up.stdout));
      const inspect = await docker.getContainer(String(resources.containerId)).inspect();
      expect(inspect.Config.Env).toEqual(
        expect.arrayContaining(["AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test"]),
      );
      expect(inspect.Config.Env.some((entry) => entry.startsWith("AWS_SESSION_TOKEN="))).toBe(false);
      expectNoLeak("the service container (docker inspect)", JSON.stringify(inspect));
      // Least privilege (issue 18 item 8): and the service still served the whole up, smoke included.
      expect(inspect.HostConfig).toMatchObject({
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges:true"],
        ReadonlyRootfs: true,
        PidsLimit: 256,
        Tmpfs: { "/tmp": "rw,noexec,nosuid,size=64m" },
      });
      expect(inspect.Config.User).toBe("1000:1000");

      const toLambda = await cli("up", "--mode", "lambda", "--json", "--stack", stack);
      expect(toLambda.exitCode, `${toLambda.stdout}${toLambda.stderr}`).toBe(0);
      expectNoLeak("switch's output", `${toLambda.stdout}${toLambda.stderr}`);
      const lambda = okData<UpData>(String(toLambda.stdout));
      const fn = lambda.resources.functionName;
      expect(fn).toEqual(expect.any(String));
      // The Lambda image runs as a non-root user (issue 18 item 8), and the function served the whole
      // up (warm-up invoke and smoke through the API). Only an image package runs stackctl's image
      // (ministack); a zip function (LocalStack community) runs in the emulator's runtime image.
      expect(lambda.deploy.package).toBe(tier.profile === "ministack" ? "image" : "zip");
      if (lambda.deploy.package === "image") {
        const tag = String(lambda.deploy.image?.tag);
        expect((await docker.getImage(tag).inspect()).Config.User).toBe("1000:1000");
        const functionContainers = (
          await docker.listContainers({ filters: { label: [`dev.stackctl.stack=${stack}`] } })
        ).filter((container) => container.Labels["dev.stackctl.role"] === undefined);
        expect(functionContainers.length, "no function container runs").toBeGreaterThan(0);
        for (const container of functionContainers)
          expect((await docker.getContainer(container.Id).inspect()).Config.User).toBe("1000:1000");
      }
      // What the emulator holds for the function, and every container labelled with the stack.
      const functionConfig = await fetch(`${tier.env.endpoint}/2015-03-31/functions/${fn}/configuration`, {
        headers: { authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request" },
      });
      expectNoLeak("the function's configuration", await functionConfig.text());
      const labelled = await docker.listContainers({
        all: true,
        filters: { label: [`dev.stackctl.stack=${stack}`] },
      });
      for (const container of labelled)
        expectNoLeak(
          `container ${container.Names[0]}`,
          JSON.stringify(await docker.getContainer(container.Id).inspect()),
        );
      expectNoLeak("the ledger", await readFile(path.join(cwd, ".stackctl", stack, "state.json"), "utf8"));
      const down = await cli("down", "--purge", "--json", "--stack", stack);
      expect(down.exitCode).toBe(0);
    });
  },
);
