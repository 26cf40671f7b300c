import type { Driver, HttpRequest, HttpResponse } from "./driver.ts";

/** Talks to a real HTTP endpoint: the app on a socket, a container, or an API Gateway stage URL. */
export function httpDriver(name: string, baseUrl: string, mode: Driver["mode"]): Driver {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    name,
    mode,
    async send({ method, path, headers = {}, body }: HttpRequest): Promise<HttpResponse> {
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      const out: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        out[key] = value;
      });
      return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
    },
  };
}
