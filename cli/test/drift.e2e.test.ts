import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { ownLocalStack } from "../../test/support/own-localstack.ts";
import { ownMinistack } from "../../test/support/own-ministack.ts";
import { detectTier } from "../../test/support/tiers.ts";
import { AwsClients } from "../src/adapters/aws-clients.ts";
import { awsPortsOver } from "../src/adapters/aws-ports.ts";
import { e2eStacks } from "./support/e2e-stacks.ts";
import { okData } from "./support/nd-json.ts";

// status names drift and exits 4; one up repairs it. The emulator-restart case runs on an emulator
// of the tier's kind that this test starts itself (a ministack from the harness's venv, or a
// LocalStack through the harness's own scripts on another port), so restarting it touches nobody else.
const tier = await detectTier({ docker: true, emulator: true }, import.meta.url);
const gateway = new URL(tier.env.containerEndpoint).hostname;
const ownEmulator = () =>
  tier.profile === "localstack" ? ownLocalStack(gateway, tier.env.endpoint) : ownMinistack(gateway);

interface Status {
  deployed: boolean;
  apiUrl: string | null;
  deployment: { drift: string[]; healthy: boolean; container: { name: string } | null };
}

// The cases run at the same time: each has its own stacks (and the restart case its own emulator),
// and the cleanups all wait for afterAll.
describe.skipIf(tier.skipReason !== undefined)(
  "drift: status names it and exits 4, one up repairs it",
  { concurrent: true },
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it(`a ${tier.profile} restart loses the table, bucket and API: status exits 4; up brings them back on the same URL`, async () => {
      const emulator = await ownEmulator();
      cleanups.push(emulator.close);
      const stacks = e2eStacks(emulator.endpoint);
      cleanups.push(() => stacks.cleanup());
      const { cli } = await stacks.create("restart");
      const up = await cli("up", "--mode", "container", "--json");
      expect(up.code, up.stdout).toBe(0);
      const before = okData<{ apiUrl: string }>(up.stdout);
      const healthy = await cli("status", "--json");
      expect(healthy.code, healthy.stdout).toBe(0);
      expect(okData<Status>(healthy.stdout).deployment).toMatchObject({ drift: [], healthy: true });

      await emulator.restart();
      const drifted = await cli("status", "--json");
      expect(drifted.code, drifted.stdout).toBe(4);
      const drift = okData<Status>(drifted.stdout).deployment.drift;
      expect(drift).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^table .* is recorded but missing/),
          expect.stringMatching(/^bucket .* is recorded but missing/),
          expect.stringMatching(/^REST API .* is recorded but missing/),
        ]),
      );
      const plain = await cli("status");
      expect(plain.code).toBe(4);
      expect(plain.stdout).toContain("drift    table");

      const repaired = await cli("up", "--mode", "container", "--json");
      expect(repaired.code, repaired.stdout).toBe(0);
      // Both emulators honour the REST API id tag (the profile's restApiIdTag): the same URL after the restart.
      expect(okData<{ apiUrl: string }>(repaired.stdout).apiUrl).toBe(before.apiUrl);
      expect((await fetch(`${before.apiUrl}inventory/SKU-1`)).status).toBe(200);
      const after = await cli("status", "--json");
      expect(after.code, after.stdout).toBe(0);
      expect(okData<Status>(after.stdout).deployment.drift).toEqual([]);
    });

    it("a container removed by hand, and an integration pointed elsewhere: drift, then repaired", async () => {
      const stacks = e2eStacks(tier.env.endpoint);
      cleanups.push(() => stacks.cleanup());
      const { cli, stack } = await stacks.create("byhand");
      expect((await cli("up", "--mode", "container")).code).toBe(0);
      const docker = new Docker();
      const [service] = await docker.listContainers({
        filters: { label: [`dev.stackctl.stack=${stack}`, "dev.stackctl.role=service"] },
      });
      if (service === undefined) throw new Error("no service container after up");
      await docker.getContainer(service.Id).remove({ force: true });
      const gone = await cli("status", "--json");
      expect(gone.code).toBe(4);
      expect(okData<Status>(gone.stdout).deployment.drift).toEqual([
        expect.stringMatching(/^container .* is recorded but gone/),
      ]);
      expect((await cli("up", "--mode", "container")).code).toBe(0);
      expect((await cli("status")).code).toBe(0);

      // Someone repoints the API by hand.
      const clients = new AwsClients({
        endpoint: tier.env.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      try {
        const { restApis } = awsPortsOver(clients);
        const apiId = okData<{ resources: { restApiId: string } }>((await cli("status", "--json")).stdout)
          .resources.restApiId;
        const { proxyId } = await restApis.resources(apiId);
        if (proxyId === undefined) throw new Error("no {proxy+} resource");
        await restApis.putIntegration(apiId, proxyId, {
          type: "HTTP_PROXY",
          uri: "http://127.0.0.1:9/{proxy}",
        });
      } finally {
        await clients.destroy();
      }
      const elsewhere = await cli("status", "--json");
      expect(elsewhere.code).toBe(4);
      expect(okData<Status>(elsewhere.stdout).deployment.drift).toEqual([
        expect.stringMatching(
          /^the API's integration points at http:\/\/127\.0\.0\.1:9\/\{proxy\}, not at container /,
        ),
      ]);
      expect((await cli("up", "--mode", "container")).code).toBe(0);
      expect((await cli("status")).code).toBe(0);
    });

    it("a function deleted by hand: drift naming it, then repaired by up", async () => {
      const stacks = e2eStacks(tier.env.endpoint);
      cleanups.push(() => stacks.cleanup());
      const { cli } = await stacks.create("fngone");
      const up = await cli("up", "--mode", "lambda", "--json");
      expect(up.code, up.stdout).toBe(0);
      const name = okData<{ resources: { functionName: string } }>(up.stdout).resources.functionName;
      const clients = new AwsClients({
        endpoint: tier.env.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      try {
        await awsPortsOver(clients).functions.remove(name);
      } finally {
        await clients.destroy();
      }
      const gone = await cli("status", "--json");
      expect(gone.code, gone.stdout).toBe(4);
      expect(okData<Status>(gone.stdout).deployment.drift).toEqual([
        expect.stringContaining(`function ${name} is what the API points at but missing`),
      ]);
      expect((await cli("up", "--mode", "lambda")).code).toBe(0);
      expect((await cli("status")).code).toBe(0);
    });
  },
);
