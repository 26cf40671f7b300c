import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { textWhenUtf8 } from "../../src/entry/text-answers.ts";
import { type BadInputCase, badInputCases } from "./bad-input-cases.ts";
import {
  type Driver,
  type GatewayQuirks,
  type HttpRequest,
  type HttpResponse,
  jsonOf,
  noQuirks,
} from "./driver.ts";

/** What the Lambda entry sends as text: declared UTF-8 text whose bytes are valid UTF-8. */
function sentAsText(headers: Record<string, string>, bytes: Buffer): boolean {
  const text = textWhenUtf8({
    statusCode: 200,
    headers,
    body: bytes.toString("base64"),
    isBase64Encoded: true,
  });
  return !text.isBase64Encoded;
}

interface ErrorEnvelope {
  error: { code: string; message: string; requestId: string; field?: string };
}

interface ItemBody {
  sku: string;
  name: string;
  quantity: number;
  priceCents: number;
  price: string;
  updatedAt: string;
  version: number;
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  method: "POST",
  path,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const putJson = (path: string, body: unknown, headers: Record<string, string> = {}): HttpRequest => ({
  ...postJson(path, body, headers),
  method: "PUT",
});

let quirks: GatewayQuirks = noQuirks;

/**
 * A response header as the service sets it, or, behind a gateway that passes back only
 * Content-Type, its documented absence.
 */
function expectHeader(res: HttpResponse, name: string, value: string | RegExp | undefined): void {
  const actual = res.headers[name];
  if (quirks.responseHeaders === "content-type" && name !== "content-type") {
    expect(actual, `${name} is documented as dropped by this gateway`).toBeUndefined();
    return;
  }
  if (value instanceof RegExp) expect(actual).toMatch(value);
  else expect(actual).toBe(value);
}

/**
 * What a path-decoding gateway (quirks.pathDecoded) does with a path, modelled on ministack's
 * HTTP_PROXY (Python's `unquote`, then urllib): valid %XX escapes are decoded (bad UTF-8 becomes
 * U+FFFD), others stay; a result outside printable ASCII cannot be sent and the gateway answers
 * 500; a decoded `/` makes a path of more segments, which no route serves.
 */
function gatewayPathFate(path: string): "as-sent" | "gateway-error" | "other-route" {
  if (quirks.eventPathDecoded === true && /%2F/i.test(path.split("?")[0] ?? "")) return "other-route";
  if (!quirks.pathDecoded) return "as-sent";
  const [pathname = ""] = path.split("?");
  const bytes: number[] = [];
  for (let i = 0; i < pathname.length; i++) {
    const percentEscape = /^%[0-9A-Fa-f]{2}/.exec(pathname.slice(i));
    if (percentEscape !== null) {
      bytes.push(Number.parseInt(pathname.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(pathname[i] ?? "", "utf8"));
  }
  const decoded = Buffer.from(bytes).toString("utf8");
  if (/[^\x21-\x7e]/.test(decoded)) return "gateway-error";
  return decoded.split("/").length > pathname.split("/").length ? "other-route" : "as-sent";
}

/** The gateway's own answer when it cannot forward a request (ministack: `{"message": …}`, 500). */
function expectGatewayError(res: HttpResponse): void {
  expect(res.status).toBe(500);
  expect(jsonOf(res)).toEqual({ message: "Internal server error" });
}

const badEscape = /%(?![0-9A-Fa-f]{2})/;

function headerOf(request: HttpRequest, name: string): string | undefined {
  const found = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/** Whether a documented quirk (other than path decoding) changes what reaches the service. */
function quirkApplies(request: HttpRequest): boolean {
  if (quirks.badPercentEscapes === "re-encoded" && badEscape.test(request.path.split("?")[0] ?? ""))
    return true;
  const encoding = headerOf(request, "content-encoding");
  if (quirks.requestContentEncoding === "gzip-decoded-as-identity")
    return encoding?.trim().toLowerCase() === "gzip";
  return quirks.requestContentEncoding === "decoded" && encoding !== undefined;
}

/**
 * The bytes a file download carries: the file's, or, behind a gateway that decodes the Lambda's
 * base64 bodies only for some Accept types (quirks.base64DecodedForAccept), its base64 text when the
 * request's first Accept type is not one of them. UTF-8 text never goes base64 (the Lambda entry's
 * textWhenUtf8), so it always comes back as it is.
 */
function downloadedBytes(request: HttpRequest, bytes: Buffer, response: HttpResponse): Buffer {
  const listed = quirks.base64DecodedForAccept;
  if (listed === undefined || sentAsText(response.headers, bytes)) return bytes;
  const [first = ""] = (headerOf(request, "accept") ?? "*/*").split(",");
  const [type = ""] = first.split(";");
  const [main, sub] = type.trim().toLowerCase().split("/");
  const decoded = listed.some((entry) => {
    const [listedMain, listedSub] = entry.toLowerCase().split("/");
    return listedMain === main && (listedSub === "*" || listedSub === sub);
  });
  return decoded ? bytes : Buffer.from(bytes.toString("base64"));
}

/** A download's answer: the file's bytes (or what the gateway's documented quirk makes of them). */
async function expectDownload(
  send: (request: HttpRequest) => Promise<HttpResponse>,
  request: HttpRequest,
  bytes: Buffer,
  contentType: string | RegExp,
): Promise<void> {
  const res = await send(request);
  const expected = downloadedBytes(request, bytes, res);
  expect(res.status).toBe(200);
  if (contentType instanceof RegExp) expect(res.headers["content-type"]).toMatch(contentType);
  else expect(res.headers["content-type"]).toBe(contentType);
  expect(Number(res.headers["content-length"])).toBe(expected.length);
  expect(res.body.equals(expected), `body of ${request.path} (${res.body.length} bytes)`).toBe(true);
}

/** The service's answer to a bad input case, or what the documented gateway quirk makes of it instead. */
function expectCase(c: BadInputCase, res: HttpResponse): void {
  const fate = gatewayPathFate(c.request.path);
  if (fate === "gateway-error") {
    expectGatewayError(res);
    return;
  }
  if (fate === "other-route") {
    expectError(res, 404, "route_not_found");
    return;
  }
  if (quirkApplies(c.request)) {
    if (c.throughQuirk === undefined)
      throw new Error(`case "${c.name}" has no expectation for this gateway's quirk`);
    if (c.throughQuirk.code === undefined) {
      expect(res.status).toBe(c.throughQuirk.status);
      return;
    }
    expectError(res, c.throughQuirk.status, c.throughQuirk.code);
    return;
  }
  expectError(res, c.status, c.code, c.field);
}

function expectError(res: HttpResponse, status: number, code: string, field?: string): ErrorEnvelope {
  const body = jsonOf(res) as ErrorEnvelope;
  expect({ status: res.status, code: body.error?.code }, body.error?.message).toEqual({ status, code });
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toMatch(/\S/);
  expectHeader(res, "x-request-id", body.error.requestId);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace leaks
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body;
}

/**
 * The service's observable behaviour, run unchanged through every driver: in-process app, Lambda
 * handler, container, API Gateway. Test data carries a per-run prefix so runs never collide.
 */
export function describeBehaviour(getDriver: () => Driver): void {
  const run = randomUUID().slice(0, 8);
  const send = (request: HttpRequest) => {
    quirks = getDriver().quirks ?? noQuirks;
    return getDriver().send(request);
  };
  const itemPath = (sku: string) => `/inventory/${encodeURIComponent(sku)}`;

  it("reports health with the mode it runs in", async () => {
    const res = await send({ method: "GET", path: "/" });
    expect(res.status).toBe(200);
    expect(jsonOf(res)).toMatchObject({ status: "ok", mode: getDriver().mode, version: expect.any(String) });
  });

  describe("refuses bad input with a 4xx and a named field, never a 5xx", () => {
    for (const c of badInputCases) {
      it(c.name, async () => {
        expectCase(c, await send(c.request));
      });
    }
  });

  it("echoes a caller's x-request-id in the header and in error bodies", async () => {
    const res = await send({
      method: "GET",
      path: "/inventory/NO-SUCH-SKU-3",
      headers: { "x-request-id": `req-${run}` },
    });
    expectHeader(res, "x-request-id", `req-${run}`);
    expect(expectError(res, 404, "item_not_found").error.requestId).toBe(`req-${run}`);
  });

  it("creates an item, refuses a duplicate and reads it back with its version as ETag", async () => {
    const sku = `${run}-CREATE`;
    const created = await send(postJson("/inventory", { sku, name: "Widget", quantity: 5, price: "12.34" }));
    expect(created.status).toBe(201);
    expectHeader(created, "location", itemPath(sku));
    expectHeader(created, "etag", '"1"');
    const item = jsonOf(created) as ItemBody;
    expect(item).toMatchObject({
      sku,
      name: "Widget",
      quantity: 5,
      priceCents: 1234,
      price: "12.34",
      version: 1,
    });
    expect(Number.isNaN(Date.parse(item.updatedAt))).toBe(false);

    expectError(
      await send(postJson("/inventory", { sku, name: "Again", quantity: 1, priceCents: 1 })),
      409,
      "item_exists",
    );

    const read = await send({ method: "GET", path: itemPath(sku) });
    expect(read.status).toBe(200);
    expectHeader(read, "etag", '"1"');
    expect(jsonOf(read)).toEqual(item);
  });

  it("accepts price as a JSON number with at most two decimals, read from its digits, not via * 100", async () => {
    const sku = `${run}-NUMERIC-PRICE`;
    const created = await send(postJson("/inventory", { sku, name: "Gadget", quantity: 1, price: 19.99 }));
    expect(created.status).toBe(201);
    expect(jsonOf(created)).toMatchObject({ sku, priceCents: 1999, price: "19.99", version: 1 });
    expect(jsonOf(await send({ method: "GET", path: itemPath(sku) }))).toMatchObject({
      priceCents: 1999,
      price: "19.99",
    });
    // Raw bodies: the digits as a client types them; each is off when multiplied by 100 in binary.
    const expected = [
      ["0.1", 10, "0.10"],
      ["1.1", 110, "1.10"],
      ["1e-2", 1, "0.01"],
      ["4.35", 435, "4.35"],
    ] as const;
    for (const [index, [price, cents, text]] of expected.entries()) {
      const replaced = await send({
        method: "PUT",
        path: itemPath(sku),
        headers: { "content-type": "application/json", "if-match": `"${index + 1}"` },
        body: `{"name":"Gadget","quantity":1,"price":${price}}`,
      });
      expect({ price, status: replaced.status }).toEqual({ price, status: 200 });
      expect(jsonOf(replaced)).toMatchObject({ priceCents: cents, price: text, version: index + 2 });
    }
  });

  it("round-trips Unicode SKUs and names", async () => {
    const sku = `${run}-Käse-東京`;
    const name = "Crème brûlée 🍮 — ½ kg";
    expect((await send(postJson("/inventory", { sku, name, quantity: 1, priceCents: 450 }))).status).toBe(
      201,
    );
    const read = await send({ method: "GET", path: itemPath(sku) });
    if (gatewayPathFate(itemPath(sku)) === "gateway-error") return expectGatewayError(read);
    expect(read.status).toBe(200);
    expect(jsonOf(read)).toMatchObject({ sku, name });
  });

  it("replaces with optimistic concurrency through If-Match or the body's version", async () => {
    const sku = `${run}-REPLACE`;
    await send(postJson("/inventory", { sku, name: "Bolt", quantity: 10, priceCents: 25 }));

    const first = await send(
      putJson(itemPath(sku), { name: "Bolt M6", quantity: 8, priceCents: 30 }, { "if-match": '"1"' }),
    );
    expect(first.status).toBe(200);
    expectHeader(first, "etag", '"2"');
    expect(jsonOf(first)).toMatchObject({ sku, name: "Bolt M6", quantity: 8, priceCents: 30, version: 2 });

    const stale = await send(
      putJson(itemPath(sku), { name: "Lost update", quantity: 0, priceCents: 1 }, { "if-match": '"1"' }),
    );
    expect(expectError(stale, 409, "version_conflict").error.message).toContain("version 2");

    // A client may PUT back what it read, with the changes it wants.
    const echoed = { ...(jsonOf(first) as ItemBody), quantity: 7 };
    const second = await send(putJson(itemPath(sku), echoed));
    expect(second.status).toBe(200);
    expect(jsonOf(second)).toMatchObject({ quantity: 7, version: 3 });

    const disagreeing = await send(putJson(itemPath(sku), { ...echoed, version: 3 }, { "if-match": '"2"' }));
    expectError(disagreeing, 400, "validation_failed", "version");
  });

  it("deletes an item, which is then gone", async () => {
    const sku = `${run}-DELETE`;
    await send(postJson("/inventory", { sku, name: "Nut", quantity: 1, priceCents: 5 }));
    expectError(
      await send({ method: "DELETE", path: itemPath(sku), headers: { "if-match": '"9"' } }),
      409,
      "version_conflict",
    );
    const deleted = await send({ method: "DELETE", path: itemPath(sku) });
    expect(deleted.status).toBe(204);
    expect(deleted.body.length).toBe(0);
    expectError(await send({ method: "GET", path: itemPath(sku) }), 404, "item_not_found");
  });

  it("deletes at the version given in If-Match", async () => {
    const sku = `${run}-DELETE-AT`;
    await send(postJson("/inventory", { sku, name: "Washer", quantity: 1, priceCents: 2 }));
    expect(
      (await send({ method: "DELETE", path: itemPath(sku), headers: { "if-match": '"1"' } })).status,
    ).toBe(204);
    expectError(await send({ method: "GET", path: itemPath(sku) }), 404, "item_not_found");
  });

  it("lets exactly one of several concurrent writers at the same version win", async () => {
    const sku = `${run}-RACE`;
    await send(postJson("/inventory", { sku, name: "Contested", quantity: 1, priceCents: 1 }));
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        send(
          putJson(itemPath(sku), { name: `Writer ${i}`, quantity: i, priceCents: 1 }, { "if-match": '"1"' }),
        ).then((res) => res.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect(jsonOf(await send({ method: "GET", path: itemPath(sku) }))).toMatchObject({ version: 2 });
  });

  it("lists every item exactly once across pages", async () => {
    const skus = Array.from({ length: 5 }, (_, i) => `${run}-LIST-${i}`);
    for (const sku of skus)
      await send(postJson("/inventory", { sku, name: sku, quantity: 0, priceCents: 0 }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const res = await send({ method: "GET", path: `/inventory?limit=2${query}` });
      expect(res.status).toBe(200);
      const body = jsonOf(res) as { items: ItemBody[]; nextCursor?: string };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.sku));
      cursor = body.nextCursor;
      if (cursor === undefined) break;
    }
    expect(cursor).toBeUndefined();
    expect(seen.filter((s) => s.startsWith(`${run}-LIST-`)).sort()).toEqual(skus);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("stores and returns files byte for byte, with type and length", async () => {
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(40_000)]);
    const name = `${run}-blob.bin`;
    const uploaded = await send({
      method: "PUT",
      path: `/file/upload/${name}`,
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(uploaded.status).toBe(201);
    expect(jsonOf(uploaded)).toMatchObject({
      filename: name,
      size: bytes.length,
      contentType: "application/octet-stream",
    });

    const download = { method: "GET", path: `/file/download/${name}` };
    await expectDownload(send, download, bytes, "application/octet-stream");
    // What a client that names the type it wants gets, whatever the gateway (stackctl's smoke check does).
    const asked = { ...download, headers: { accept: "application/octet-stream" } };
    await expectDownload(send, asked, bytes, "application/octet-stream");
  });

  it("keeps Unicode file names and text, and guesses a type from the extension", async () => {
    const name = `${run}-résumé 東京.txt`;
    const text = Buffer.from("Grüße aus 東京 🍣\nline two\r\n", "utf8");
    const path = `/file/upload/${encodeURIComponent(name)}`;
    const uploaded = await send({ method: "PUT", path, body: text });
    if (gatewayPathFate(path) === "gateway-error") return expectGatewayError(uploaded);
    expect(uploaded.status).toBe(201);
    const download = { method: "GET", path: `/file/download/${encodeURIComponent(name)}` };
    await expectDownload(send, download, text, /^text\/plain/);
  });

  it("gives a file back with the Content-Type it was uploaded with, untouched", async () => {
    const name = `${run}-latin1.txt`;
    const latin1 = Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x0a]); // "Grüße\n" in ISO-8859-1
    const uploaded = await send({
      method: "PUT",
      path: `/file/upload/${name}`,
      headers: { "content-type": "text/plain; charset=iso-8859-1" },
      body: latin1,
    });
    expect(jsonOf(uploaded)).toMatchObject({ contentType: "text/plain; charset=iso-8859-1" });
    const download = { method: "GET", path: `/file/download/${name}` };
    await expectDownload(send, download, latin1, "text/plain; charset=iso-8859-1");
  });

  it("accepts an empty file", async () => {
    const name = `${run}-empty.dat`;
    const uploaded = await send({
      method: "PUT",
      path: `/file/upload/${name}`,
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array(),
    });
    expect(uploaded.status).toBe(201);
    const downloaded = await send({ method: "GET", path: `/file/download/${name}` });
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.length).toBe(0);
  });

  it("lists uploaded files with their sizes", async () => {
    const name = `${run}-listed.txt`;
    await send({
      method: "PUT",
      path: `/file/upload/${name}`,
      headers: { "content-type": "text/plain" },
      body: "12345",
    });
    const files: { filename: string; size: number }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1000; page++) {
      const query = cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const res = await send({ method: "GET", path: `/files?limit=100${query}` });
      expect(res.status).toBe(200);
      const body = jsonOf(res) as { files: { filename: string; size: number }[]; nextCursor?: string };
      files.push(...body.files);
      cursor = body.nextCursor;
      if (cursor === undefined) break;
    }
    expect(files).toContainEqual(expect.objectContaining({ filename: name, size: 5 }));
  });
}

/** What must be identical between two drivers for the same request (request ids differ by nature). */
export function comparable(res: HttpResponse): object {
  const body = res.headers["content-type"]?.startsWith("application/json")
    ? JSON.stringify(jsonOf(res), (key, value: unknown) => (key === "requestId" ? "<id>" : value))
    : res.body.toString("base64");
  const headers = ["content-type", "content-length", "etag", "allow", "location"].map((h) => [
    h,
    res.headers[h],
  ]);
  return { status: res.status, body, headers: Object.fromEntries(headers) };
}
