import { z } from "zod";

/** `--help` and `--version` under --json (their text would otherwise break ND-JSON). */
export const helpData = z.strictObject({ command: z.string(), text: z.string() });
export const versionData = z.strictObject({ version: z.string() });

export type HelpData = z.infer<typeof helpData>;
export type VersionData = z.infer<typeof versionData>;
