import { invalid } from "./errors.ts";

/** In UTF-8 bytes: a downloaded file must fit the 255-byte name limit of common file systems, with room to spare. */
export const FILENAME_MAX_BYTES = 200;
// Control (C0, DEL, C1) and format characters (bidi overrides, zero-width), line/paragraph separators:
// nothing that hides or reorders what a name shows.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * A file name is one flat object key: no path separators, no traversal, nothing invisible.
 */
export function parseFilename(raw: string): string {
  const name = raw.normalize("NFC");
  if (name.length === 0 || Buffer.byteLength(name, "utf8") > FILENAME_MAX_BYTES) {
    throw invalid(
      "filename",
      `filename must be 1 to ${FILENAME_MAX_BYTES} bytes long in UTF-8`,
      "invalid_filename",
    );
  }
  if (!name.isWellFormed() || INVISIBLE.test(name)) {
    throw invalid(
      "filename",
      "filename must not contain control or invisible characters",
      "invalid_filename",
    );
  }
  if (name.includes("/") || name.includes("\\")) {
    throw invalid("filename", "filename must not contain '/' or '\\'", "invalid_filename");
  }
  if (name === "." || name.includes("..")) {
    throw invalid("filename", "filename must not contain '..'", "invalid_filename");
  }
  return name;
}
