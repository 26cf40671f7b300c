import type { ManagedEmulatorSpec } from "../engine/ports.ts";

type ComposeProbe = { ok: true; version: string; command: string[] } | { ok: false; detail: string };

function firstLine(text: string): string | undefined {
  return text
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim();
}

/**
 * Why Compose v2 is unusable, in the user's words. Without the plugin, `docker compose version
 * --short` makes docker parse `--short` itself ("unknown flag: --short") or reject `compose`.
 */
export function composeProblem(dockerSaid: string, standaloneV1: string | undefined): string {
  const noPlugin = /unknown flag: --short|is not a docker command|unknown command/i.test(dockerSaid);
  const plugin = noPlugin
    ? "docker compose is not installed (docker has no compose plugin)"
    : `docker compose does not work (docker said: ${dockerSaid})`;
  return standaloneV1 === undefined ? plugin : `${plugin}, and docker-compose ${standaloneV1} is v1`;
}

/**
 * The Compose v2 plugin (`docker compose`), else a standalone Compose v2 binary (`docker-compose`,
 * as some Linux packages ship it). Compose v1 cannot read the file's top-level `name`, so it does not count.
 */
async function findCompose(): Promise<ComposeProbe> {
  const { execa } = await import("execa");
  const plugin = await execa("docker", ["compose", "version", "--short"], { reject: false, timeout: 10_000 });
  if (plugin.exitCode === 0)
    return { ok: true, version: String(plugin.stdout).trim(), command: ["docker", "compose"] };
  const standalone = await execa("docker-compose", ["version", "--short"], {
    reject: false,
    timeout: 10_000,
  });
  const version = String(standalone.stdout).trim();
  if (standalone.exitCode === 0 && /^v?[2-9]\./.test(version))
    return { ok: true, version, command: ["docker-compose"] };
  const said = firstLine(String(plugin.stderr || plugin.stdout)) ?? "docker compose failed";
  return { ok: false, detail: composeProblem(said, standalone.exitCode === 0 ? version : undefined) };
}

/** Runs `<compose> -f <file> -p <project> …` with the target's variables; failures carry compose's output. */
export function composeRunner(env: Record<string, string | undefined>) {
  let found: Promise<ComposeProbe> | undefined;
  const probe = () => {
    found ??= findCompose();
    return found;
  };
  return {
    probe,
    async run(target: ManagedEmulatorSpec, args: string[]): Promise<void> {
      const { execa } = await import("execa");
      const compose = await probe();
      if (!compose.ok) throw new Error(compose.detail);
      const [command = "docker", ...prefix] = compose.command;
      await execa(command, [...prefix, "-f", target.file, "-p", target.project, ...args], {
        env: { ...env, ...target.env },
        all: true,
      }).catch((error: { all?: string; message: string }) => {
        throw new Error(error.all ?? error.message);
      });
    },
  };
}
