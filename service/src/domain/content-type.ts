import contentType from "content-type";
import { invalid } from "./errors.ts";

const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  html: "text/html; charset=utf-8",
  xml: "application/xml",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  zip: "application/zip",
  gz: "application/gzip",
};

export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/** A declared Content-Type, checked and normalised (RFC 9110 syntax); downloads carry it back as stored. */
export function parseDeclaredContentType(raw: string): string {
  try {
    return contentType.format(contentType.parse(raw));
  } catch {
    throw invalid(
      "Content-Type",
      `Content-Type "${raw}" is not a media type such as text/plain or image/png`,
    );
  }
}

export function contentTypeFor(filename: string): string {
  const dot = filename.lastIndexOf(".");
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : "";
  return BY_EXTENSION[extension] ?? DEFAULT_CONTENT_TYPE;
}
