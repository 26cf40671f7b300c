import { StackctlError } from "../../../errors.ts";
import type { BuiltImage } from "../../image/ensure-image.ts";
import type { ContainerEngine } from "../../ports.ts";
import type { Ledger } from "../../state/ledger-schema.ts";
import { activeOf } from "../../state/resources.ts";

/**
 * The service image the stack's last `up` built, as the ledger recorded it and Docker still has
 * it: what a `stackctl dev` reload starts its fresh container from.
 */
export async function currentImage(
  engine: ContainerEngine,
  ledger: Ledger,
  target: string,
): Promise<BuiltImage> {
  const recorded = activeOf(ledger, "image")
    .filter((resource) => resource.attributes.target === target)
    .at(-1);
  const info = recorded === undefined ? undefined : await engine.inspectImage(recorded.name);
  if (recorded === undefined || info === undefined)
    throw new StackctlError("DEV_NO_IMAGE", { stack: ledger.stack, target });
  const contentHash = recorded.attributes.contentHash;
  return {
    target,
    tag: recorded.name,
    id: info.id,
    contentHash: typeof contentHash === "string" ? contentHash : "",
    architecture: info.architecture,
    baseImage: "",
    change: "unchanged",
  };
}
