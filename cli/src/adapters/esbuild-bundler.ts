import path from "node:path";
import { serviceBundleOptions } from "@stackctl/service/bundle-options";
import type { BundleProblem, ServiceBundler } from "../engine/ports.ts";

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; column: number; lineText: string } | null;
}

const problemOf = (message: EsbuildMessage): BundleProblem => ({
  file: message.location?.file,
  line: message.location?.line,
  column: message.location?.column,
  text: message.text,
  lineText: message.location?.lineText,
});

/** esbuild's context API over the service bundle's own options: one context, rebuilt per save. */
export const esbuildBundler: ServiceBundler = {
  async open({ serviceDir, outdir, sourcesContent, entries }) {
    const esbuild = await import("esbuild");
    const options = serviceBundleOptions(serviceDir, outdir, sourcesContent);
    const all = options.entryPoints as Record<string, string>;
    const entryPoints =
      entries === undefined
        ? all
        : Object.fromEntries(Object.entries(all).filter(([name]) => entries.includes(name)));
    const context = await esbuild.context({
      ...options,
      entryPoints,
      write: false,
      // Errors come back to the caller, which prints them its own way.
      logLevel: "silent",
    });
    return {
      async rebuild() {
        try {
          const result = await context.rebuild();
          return {
            ok: true,
            files: (result.outputFiles ?? []).map((file) => ({
              name: path.relative(outdir, file.path),
              contents: file.contents,
            })),
          };
        } catch (error) {
          const errors = (error as { errors?: EsbuildMessage[] }).errors;
          if (errors === undefined) throw error;
          return { ok: false, errors: errors.map(problemOf) };
        }
      },
      dispose: () => context.dispose(),
    };
  },
};
