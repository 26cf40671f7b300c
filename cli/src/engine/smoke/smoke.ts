import { randomBytes } from "node:crypto";
import { StackctlError } from "../../errors.ts";
import type { EngineContext } from "../context.ts";
import { settleAll } from "../parallel.ts";
import { explainStep, type PlannedStep, planStep } from "../plan-step.ts";
import type { Http, HttpRequest } from "../ports.ts";
import { shellLine } from "../shell-quote.ts";

export interface SmokeCheck {
  name: string;
  ms: number;
}

export interface SmokeReport {
  url: string;
  checks: SmokeCheck[];
  /** `version` from `GET /`: the image content hash the deployment runs. */
  version: string | undefined;
  mode: string | undefined;
}

interface Exchange {
  status: number;
  body: Buffer;
}

class CheckFailed extends Error {}

/** The checks, in the order the report lists them. */
export const checkOrder = [
  "health",
  "create item",
  "get item",
  "update item",
  "list items",
  "delete item",
  "upload binary file",
  "download binary file",
  "download sample.txt",
];

type Init = Omit<HttpRequest, "timeoutMs" | "signal" | "redirect">;
type Send = (url: string, init: Init, signal: AbortSignal) => Promise<Exchange>;

const sender =
  (http: Http): Send =>
  async (url, init, signal) => {
    const response = await http.request(url, { ...init, redirect: "manual", timeoutMs: 30_000, signal });
    return { status: response.status, body: Buffer.from(response.body) };
  };

function expectStatus(exchange: Exchange, wanted: number): void {
  if (exchange.status !== wanted) {
    const text = exchange.body.toString("utf8").slice(0, 200).replace(/\s+/g, " ");
    throw new CheckFailed(`HTTP ${exchange.status} (expected ${wanted})${text === "" ? "" : `: ${text}`}`);
  }
}

function json(exchange: Exchange): Record<string, unknown> {
  try {
    return JSON.parse(exchange.body.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new CheckFailed(`HTTP ${exchange.status} with a body that is not JSON`);
  }
}

/**
 * The service's contract end to end at a base URL: health, an item's whole life, a listing, a
 * binary file round trip (bytes compared) and the seeded `sample.txt`. The item is deleted again;
 * the file (the API has no file delete) is always the same `smoke-check.bin`, overwritten.
 * Four independent chains run side by side (health, the item's life, the file round trip,
 * sample.txt); the report lists the checks in this order whatever order they finished in.
 */
export async function runSmoke(options: {
  baseUrl: string;
  signal: AbortSignal;
  http: Http;
  onCheck?: (check: SmokeCheck) => void;
  /** The item the checks create and delete again (a fresh one by default). */
  sku?: string;
}): Promise<SmokeReport> {
  const send = sender(options.http);
  const base = options.baseUrl.replace(/\/+$/, "");
  const { signal } = options;
  const checks: SmokeCheck[] = [];
  const sku = options.sku ?? smokeSku();
  const file = smokeFile;
  let version: string | undefined;
  let mode: string | undefined;
  const check = async (name: string, url: string, work: () => Promise<void>) => {
    const started = performance.now();
    try {
      await work();
    } catch (error) {
      if (signal.aborted) throw new StackctlError("INTERRUPTED", {}, { cause: error });
      const detail =
        error instanceof CheckFailed
          ? error.message
          : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
      throw new StackctlError("SMOKE_FAILED", { check: name, url, detail }, { cause: error });
    }
    const done = { name, ms: Math.round(performance.now() - started) };
    checks.push(done);
    options.onCheck?.(done);
  };
  const json201 = { "content-type": "application/json" };
  const health = check("health", `${base}/`, async () => {
    const res = await send(`${base}/`, {}, signal);
    expectStatus(res, 200);
    const body = json(res);
    if (body.status !== "ok") throw new CheckFailed(`status is ${JSON.stringify(body.status)}, not "ok"`);
    version = typeof body.version === "string" ? body.version : undefined;
    mode = typeof body.mode === "string" ? body.mode : undefined;
  });
  const itemUrl = `${base}/inventory/${sku}`;
  const itemLife = async () => {
    await check("create item", `${base}/inventory`, async () => {
      const body = JSON.stringify({ sku, name: "smoke test", quantity: 1, priceCents: 100 });
      expectStatus(await send(`${base}/inventory`, { method: "POST", headers: json201, body }, signal), 201);
    });
    await check("get item", itemUrl, async () => {
      const res = await send(itemUrl, {}, signal);
      expectStatus(res, 200);
      if (json(res).sku !== sku) throw new CheckFailed("answered another item");
    });
    await check("update item", itemUrl, async () => {
      const body = JSON.stringify({ name: "smoke test", quantity: 2, priceCents: 150, version: 1 });
      const res = await send(itemUrl, { method: "PUT", headers: json201, body }, signal);
      expectStatus(res, 200);
      if (json(res).quantity !== 2) throw new CheckFailed("the update did not stick");
    });
    await check("list items", `${base}/inventory`, async () => {
      const res = await send(`${base}/inventory?limit=100`, {}, signal);
      expectStatus(res, 200);
      if (!Array.isArray(json(res).items)) throw new CheckFailed("no items list");
    });
    await check("delete item", itemUrl, async () => {
      expectStatus(await send(itemUrl, { method: "DELETE", headers: { "if-match": '"2"' } }, signal), 204);
      expectStatus(await send(itemUrl, {}, signal), 404);
    });
  };
  const bytes = randomBytes(1024);
  bytes[0] = 0xff;
  bytes[1] = 0x00;
  const fileUrl = `${base}/file/upload/${file}`;
  const roundTrip = async () => {
    await check("upload binary file", fileUrl, async () => {
      const headers = { "content-type": "application/octet-stream" };
      expectStatus(await send(fileUrl, { method: "PUT", headers, body: bytes }, signal), 201);
    });
    const downloadUrl = `${base}/file/download/${file}`;
    await check("download binary file", downloadUrl, async () => {
      // What a binary client asks for; behind Lambda, LocalStack decodes only for a named type.
      const res = await send(downloadUrl, { headers: { accept: "application/octet-stream" } }, signal);
      expectStatus(res, 200);
      if (!res.body.equals(bytes))
        throw new CheckFailed(`got ${res.body.length} bytes that differ from the ${bytes.length} uploaded`);
    });
  };
  const sampleUrl = `${base}/file/download/sample.txt`;
  const sample = check("download sample.txt", sampleUrl, async () => {
    const res = await send(sampleUrl, {}, signal);
    expectStatus(res, 200);
    // Not compared with fixtures/files/sample.txt: a user may have replaced it through the API.
    if (res.body.length === 0) throw new CheckFailed("sample.txt is empty");
  });
  await settleAll([health, itemLife(), roundTrip(), sample]);
  checks.sort((a, b) => checkOrder.indexOf(a.name) - checkOrder.indexOf(b.name));
  return { url: base, checks, version, mode };
}

const smokeFile = "smoke-check.bin";

function smokeSku(): string {
  return `smoke-${randomBytes(4).toString("hex")}`;
}

/** The checks of `runSmoke` as curl lines (`-f`: an HTTP error fails the line), same order, same requests. */
export function smokeCommands(baseUrl: string, sku: string): string[] {
  const base = baseUrl.replace(/\/+$/, "");
  const item = `${base}/inventory/${sku}`;
  const local = `/tmp/stackctl-${smokeFile}`;
  const curl = ["curl", "-fsS", "-o", "/dev/null"];
  const json = ["-H", "content-type: application/json", "-d"];
  return [
    shellLine("curl", "-fsS", `${base}/`),
    shellLine(
      ...curl,
      "-X",
      "POST",
      ...json,
      JSON.stringify({ sku, name: "smoke test", quantity: 1, priceCents: 100 }),
      `${base}/inventory`,
    ),
    shellLine(...curl, item),
    shellLine(
      ...curl,
      "-X",
      "PUT",
      ...json,
      JSON.stringify({ name: "smoke test", quantity: 2, priceCents: 150, version: 1 }),
      item,
    ),
    shellLine(...curl, `${base}/inventory?limit=100`),
    shellLine(...curl, "-X", "DELETE", "-H", 'if-match: "2"', item),
    `${shellLine("head", "-c", "1024", "/dev/urandom")} > ${shellLine(local)}`,
    shellLine(
      ...curl,
      "-X",
      "PUT",
      "-H",
      "content-type: application/octet-stream",
      "--data-binary",
      `@${local}`,
      `${base}/file/upload/${smokeFile}`,
    ),
    `${shellLine("curl", "-fsS", "-H", "accept: application/octet-stream", `${base}/file/download/${smokeFile}`)} | ${shellLine("cmp", "-", local)}`,
    shellLine(...curl, `${base}/file/download/sample.txt`),
  ];
}

/** `--dry-run`: the smoke checks a deploy would end with (they change nothing but their own item and file). */
export function planSmoke(ctx: EngineContext, url: string): PlannedStep {
  return planStep(
    ctx,
    { step: "smoke", action: "check", target: `smoke checks through ${url}` },
    smokeCommands(url, smokeSku()),
  );
}

/** The `smoke` step of `up` in either mode: the checks through the stable URL. */
export async function smokeStep(
  ctx: EngineContext,
  url: string,
  http: Http,
): Promise<{ value: SmokeReport; message: string }> {
  const sku = smokeSku();
  explainStep(ctx, "smoke", smokeCommands(url, sku));
  const report = await runSmoke({ baseUrl: url, signal: ctx.signal, http, sku });
  const version = report.version === undefined ? "" : ` (version ${report.version})`;
  return {
    value: report,
    message: `${report.checks.length} checks passed through ${url}: health${version}, an item created, read, updated, listed and deleted, a binary file round trip, sample.txt`,
  };
}
