import contentType from "content-type";

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json$/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A REST proxy result as the Lambda entry returns it (serverless-http, every body base64). */
export interface ProxyAnswer {
  statusCode: number;
  headers?: Record<string, unknown>;
  body: string;
  isBase64Encoded: boolean;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

/** JSON (any charset but UTF-8 refused) or `text/*` declared UTF-8, with no Content-Encoding. */
export function declaredUtf8Text(headers: Record<string, unknown> | undefined): boolean {
  const encoding = header(headers, "content-encoding");
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") return false;
  const raw = header(headers, "content-type");
  if (raw === undefined) return false;
  let parsed: contentType.ContentType;
  try {
    parsed = contentType.parse(raw);
  } catch {
    return false;
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (JSON_TYPE.test(parsed.type)) return charset === undefined || charset === "utf-8";
  return parsed.type.startsWith("text/") && charset === "utf-8";
}

/**
 * Text answers go back as text, everything else as base64: a gateway passes text through as UTF-8
 * whatever the request's Accept, while base64 is decoded only where it applies binaryMediaTypes (and
 * LocalStack 4.14 only for some Accept types, docs/emulators.md). Text means declared UTF-8 text
 * (declaredUtf8Text) whose bytes are valid UTF-8, so the bytes come back exactly (a BOM included).
 */
export function textWhenUtf8<T extends ProxyAnswer>(answer: T): T {
  if (!answer.isBase64Encoded || !declaredUtf8Text(answer.headers)) return answer;
  let text: string;
  try {
    text = strictUtf8.decode(Buffer.from(answer.body, "base64"));
  } catch {
    return answer;
  }
  return { ...answer, body: text, isBase64Encoded: false };
}
