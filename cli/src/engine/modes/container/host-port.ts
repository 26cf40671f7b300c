/** Docker's refusal to publish a port something else bound first ("port is already allocated"). */
export function portTakenAtBind(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /port is already allocated|address already in use/i.test(message);
}
