#!/usr/bin/env node
// Runs the built CLI (cli/dist, made by `npm ci` through the root `prepare` script and rebuilt here
// when any of its sources changed; cli/build/built-cli.mjs). STACKCTL_FROM_SOURCE=1, or a checkout
// where building is impossible, runs the TypeScript sources through tsx instead.
import { freshEntry } from "../build/built-cli.mjs";

const entry = process.env.STACKCTL_FROM_SOURCE === "1" ? undefined : await freshEntry();
if (entry !== undefined) {
  await import(entry);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/bin.ts");
}
