import { describe, expect, it } from "vitest";
import { errorTable, exitCodes, StackctlError, toStackctlError } from "../src/errors.ts";
import { errorText } from "../src/report/result-text.ts";
import { painter } from "../src/report/style.ts";

const documentedExits = new Set<number>(Object.values(exitCodes));

describe("error table", () => {
  it("gives every code a message, a next step and a documented exit code", () => {
    for (const [code, spec] of Object.entries(errorTable)) {
      expect(spec.message.length, code).toBeGreaterThan(0);
      expect(spec.hint.length, code).toBeGreaterThan(10);
      expect(documentedExits.has(spec.exit), `${code} exits ${spec.exit}`).toBe(true);
    }
  });

  it("maps environment problems to 3, usage to 2, interrupts to 130", () => {
    for (const code of [
      "DOCKER_MISSING",
      "DOCKER_NOT_RUNNING",
      "EMULATOR_UNREACHABLE",
      "PORT_BUSY",
      "AUTH_TOKEN_REQUIRED",
    ] as const) {
      expect(
        new StackctlError(code, { port: 4566, image: "x", endpoint: "e", detail: "d" }).exitCode,
        code,
      ).toBe(3);
    }
    expect(new StackctlError("UNKNOWN_MODE", { mode: "k8s", where: "--mode" }).exitCode).toBe(2);
    expect(new StackctlError("CONFIG_INVALID", { source: "f", detail: "d" }).exitCode).toBe(2);
    expect(new StackctlError("INTERRUPTED").exitCode).toBe(130);
  });

  it("fills placeholders in message and hint", () => {
    const error = new StackctlError("PORT_BUSY", { port: 4566 });
    expect(error.message).toBe("Port 4566 on 127.0.0.1 is taken by something that is not an AWS emulator.");
    expect(error.hint).toContain("lsof -i :4566");
  });

  it("wraps unexpected errors as INTERNAL and aborts as INTERRUPTED", () => {
    expect(toStackctlError(new TypeError("boom")).code).toBe("INTERNAL");
    const abort = new Error("aborted");
    abort.name = "AbortError";
    expect(toStackctlError(abort).code).toBe("INTERRUPTED");
  });
});

describe("error rendering", () => {
  const paint = painter(false);

  it("shows message, details, hint and code without a stack trace", () => {
    const error = new StackctlError(
      "EMULATOR_START_FAILED",
      { detail: "not ready after 120 s" },
      { details: ["last log lines:", "boom"] },
    );
    const text = errorText(error, paint, false).join("\n");
    expect(text).toContain("✗ The emulator did not become ready: not ready after 120 s");
    expect(text).toContain("    boom");
    expect(text).toContain("→ Read the log tail above");
    expect(text).toContain("(EMULATOR_START_FAILED, exit 3, retryable)");
    expect(text).not.toMatch(/\n\s+at /);
  });

  it("adds the stack and its cause only with --verbose", () => {
    const error = new StackctlError("INTERNAL", { detail: "x" }, { cause: new Error("root cause") });
    const text = errorText(error, paint, true).join("\n");
    expect(text).toMatch(/\n\s+at /);
    expect(text).toContain("caused by: Error: root cause");
  });
});
