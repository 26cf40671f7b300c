import { invalid } from "./errors.ts";

export const FILENAME_MAX_LENGTH = 255;
const CONTROL = /\p{Cc}/u; // Unicode "Other, control": C0, DEL and C1

/**
 * A file name is one flat object key: no path separators, no traversal, nothing invisible.
 */
export function parseFilename(raw: string): string {
  const name = raw.normalize("NFC");
  if (name.length === 0 || name.length > FILENAME_MAX_LENGTH) {
    throw invalid(
      "filename",
      `filename must be 1 to ${FILENAME_MAX_LENGTH} characters long`,
      "invalid_filename",
    );
  }
  if (CONTROL.test(name)) {
    throw invalid("filename", "filename must not contain control characters", "invalid_filename");
  }
  if (name.includes("/") || name.includes("\\")) {
    throw invalid("filename", "filename must not contain '/' or '\\'", "invalid_filename");
  }
  if (name === "." || name.includes("..")) {
    throw invalid("filename", "filename must not contain '..'", "invalid_filename");
  }
  return name;
}
