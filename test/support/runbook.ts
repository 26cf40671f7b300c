import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./test-env.ts";

/** One fenced `sh` block of RUNBOOK.md: `sh runbook` (run in order) or plain `sh` (a choice). */
export interface RunbookBlock {
  runbook: boolean;
  /** The `## …` heading it stands under. */
  section: string;
  body: string;
}

/** RUNBOOK.md's `sh` blocks in document order. */
export function runbookBlocks(markdown = readFileSync(join(repoRoot, "RUNBOOK.md"), "utf8")): RunbookBlock[] {
  const blocks: RunbookBlock[] = [];
  let section = "";
  const parts = markdown.split(/^(```sh(?: runbook)?\n[\s\S]*?^```)$/m);
  for (const part of parts) {
    const fence = /^```sh( runbook)?\n([\s\S]*?)^```$/m.exec(part);
    if (fence === null) {
      section = [...part.matchAll(/^## (.+)$/gm)].at(-1)?.[1] ?? section;
      continue;
    }
    blocks.push({ runbook: fence[1] !== undefined, section, body: fence[2] ?? "" });
  }
  return blocks;
}

/**
 * The plain blocks (a user's choices) and who runs each: a new choice in RUNBOOK.md fails
 * runbook.e2e.test.ts until a test runs it.
 */
export const runbookChoices = {
  managed: /^unset STACKCTL_ENDPOINT$/m,
  authToken: /^export LOCALSTACK_AUTH_TOKEN=/m,
  // test/e2e/managed/ministack.e2e.test.ts takes its second up's kind from this block.
  managedMinistack: /^export STACKCTL_EMULATOR_KIND=ministack$/m,
  ownEndpoint: /^export STACKCTL_ENDPOINT=http:\/\/127\.0\.0\.1:4566$/m,
  onYourMachine: /node --import tsx service\/src\/entry\/server\.ts/,
};

/** The one plain block whose text matches `pattern` (a user's choice the walkthrough offers). */
export function choiceBlock(blocks: readonly RunbookBlock[], pattern: RegExp): RunbookBlock {
  const found = blocks.filter((block) => !block.runbook && pattern.test(block.body));
  if (found.length !== 1)
    throw new Error(`RUNBOOK.md has ${found.length} plain sh blocks matching ${pattern}, expected exactly 1`);
  return found[0] as RunbookBlock;
}

/**
 * The `sh runbook` blocks as one bash script (`npm ci` left out: the suite already runs inside that
 * install), with `first` in front of them and each `before[section]` put in front of that section's
 * first block.
 */
export function runbookScript(
  blocks: readonly RunbookBlock[],
  { first = "", before = {} }: { first?: string; before?: Record<string, string> } = {},
): string {
  const placed = new Set<string>();
  const body = blocks
    .filter((block) => block.runbook)
    .map((block) => {
      const prefix =
        before[block.section] !== undefined && !placed.has(block.section) ? before[block.section] : "";
      placed.add(block.section);
      return `${prefix ?? ""}\n${block.body}`;
    })
    .join("\n")
    .replace(/^npm ci\b.*$/gm, ": npm ci is done by the test run itself");
  const missing = Object.keys(before).filter((section) => !placed.has(section));
  if (missing.length > 0) throw new Error(`RUNBOOK.md has no sh runbook block under ${missing.join(", ")}`);
  return `set -euo pipefail\n${first}\n${body}`;
}
