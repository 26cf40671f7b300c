import type { Http } from "../engine/ports.ts";

/** HTTP checks over the global fetch (undici); its errors pass through as they are. */
export const fetchHttp: Http = {
  async request(url, request) {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const response = await fetch(url, {
      ...(request.method === undefined ? {} : { method: request.method }),
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.redirect === undefined ? {} : { redirect: request.redirect }),
      signal: request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]),
    });
    return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) };
  },
};
