/**
 * Failures the domain and use cases can report. They carry no HTTP knowledge; the http layer
 * maps each kind to a status and an error code.
 */
export type DomainErrorKind =
  | "validation"
  | "not_found"
  | "already_exists"
  | "version_conflict"
  | "precondition_required"
  | "unprocessable";

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** The request field at fault, for validation errors. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string, code = "validation_failed"): DomainError =>
  new DomainError("validation", code, message, field);

export const itemNotFound = (sku: string): DomainError =>
  new DomainError("not_found", "item_not_found", `no item with SKU '${sku}'`);

export const alreadyExists = (sku: string): DomainError =>
  new DomainError("already_exists", "item_exists", `an item with SKU '${sku}' already exists`);

export const versionConflict = (sku: string, expected: number, actual: number): DomainError =>
  new DomainError(
    "version_conflict",
    "version_conflict",
    `item '${sku}' is at version ${actual}, not ${expected}; GET it again and retry your change`,
  );
