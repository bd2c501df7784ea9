/**
 * A tiny static file server for a built folder (dist/), used by the browser suite so that the task
 * pane loads exactly as built, with nothing but local files. Binds to 127.0.0.1 on a free port
 * chosen by the system, serves GET and HEAD only, answers 404 for anything that is not a file
 * inside the folder (including "..", encoded or not, and symbolic links that lead outside it).
 *
 * Usage: ts-node test/support/serve-static.ts <dir>   (prints the URL, serves until interrupted)
 */
import { createReadStream, promises as fs } from "fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http";
import type { AddressInfo } from "net";
import { extname, isAbsolute, join, relative, resolve, sep } from "path";

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const FALLBACK_TYPE = "application/octet-stream";

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? FALLBACK_TYPE;
}

/** True when `target` is `root` itself or lies below it. Both must be absolute and normalized. */
function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Maps a request URL to a path inside `root`, or undefined when the URL cannot name a file there
 * (bad encoding, NUL byte, backslash, or a path that climbs out of the folder).
 */
export function resolveRequestPath(root: string, requestUrl: string): string | undefined {
  const pathname = requestUrl.split(/[?#]/, 1)[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/");
  if (segments.includes("..")) return undefined;
  const target = resolve(root, `.${decoded}`);
  return isInside(root, target) ? target : undefined;
}

function send(res: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}) {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...extraHeaders,
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

/** Finds the real file to serve (a folder serves its index.html), or undefined. */
async function findFile(
  realRoot: string,
  target: string,
): Promise<{ file: string; size: number } | undefined> {
  try {
    let file = await fs.realpath(target);
    if (!isInside(realRoot, file)) return undefined;
    let stats = await fs.stat(file);
    if (stats.isDirectory()) {
      file = await fs.realpath(join(file, "index.html"));
      if (!isInside(realRoot, file)) return undefined;
      stats = await fs.stat(file);
    }
    return stats.isFile() ? { file, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

async function handle(realRoot: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "Method Not Allowed\n", { Allow: "GET, HEAD" });
    return;
  }
  const target = resolveRequestPath(realRoot, req.url ?? "/");
  const found = target === undefined ? undefined : await findFile(realRoot, target);
  if (!found) {
    send(res, 404, "Not Found\n");
    return;
  }
  res.writeHead(200, {
    "Content-Type": contentType(found.file),
    "Content-Length": found.size,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

export interface StaticServer {
  /** Base URL ending in "/", e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port. Rejects when `dir` is not a folder. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const realRoot = await fs.realpath(resolve(dir));
  if (!(await fs.stat(realRoot)).isDirectory()) throw new Error(`not a folder: ${dir}`);
  const server: Server = createServer((req, res) => {
    handle(realRoot, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, "Internal Server Error\n");
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", rejectListen);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    process.stderr.write("usage: serve-static <dir>  (serves the folder on 127.0.0.1 until interrupted)\n");
    return 2;
  }
  let server: StaticServer;
  try {
    server = await serveStatic(argv[0]);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    process.stderr.write(`serve-static: cannot serve ${argv[0]}: ${reason}\n`);
    return 1;
  }
  process.stdout.write(`Serving ${argv[0]} at ${server.url} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolveStop) => {
    process.once("SIGINT", resolveStop);
    process.once("SIGTERM", resolveStop);
  });
  await server.close();
  return 0;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
