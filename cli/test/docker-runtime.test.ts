import { describe, expect, it } from "vitest";
import { composeProblem } from "../src/adapters/compose.ts";
import { demuxLogs } from "../src/adapters/docker-logs.ts";

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe("Docker log demultiplexing", () => {
  it("strips the 8-byte stdout/stderr frame headers", () => {
    const framed = Buffer.concat([frame(1, "Starting LocalStack\n"), frame(2, "ERROR: boom\n")]);
    expect(demuxLogs(framed)).toBe("Starting LocalStack\nERROR: boom\n");
  });

  it("passes plain (TTY) logs through", () => {
    expect(demuxLogs(Buffer.from("Ready.\n"))).toBe("Ready.\n");
  });
});

describe("Compose detection wording", () => {
  it("says compose is not installed when docker has no compose plugin, not docker's flag error", () => {
    expect(composeProblem("unknown flag: --short", undefined)).toBe(
      "docker compose is not installed (docker has no compose plugin)",
    );
    expect(composeProblem("docker: 'compose' is not a docker command.", "1.29.2")).toBe(
      "docker compose is not installed (docker has no compose plugin), and docker-compose 1.29.2 is v1",
    );
    expect(composeProblem("permission denied", undefined)).toBe(
      "docker compose does not work (docker said: permission denied)",
    );
  });
});
