/**
 * The development server: the one address manifest.xml points at, npm start serves and sideloads
 * from, and a production build rewrites (see manifest-urls.ts).
 */
import type { ServerOptions } from "https";
import { firstLine } from "../first-line";

export const DEV_BASE_URL = "https://localhost:3000/";
export const DEV_PORT = Number(new URL(DEV_BASE_URL).port);

/**
 * HTTPS options for the development server. Office requires https even on localhost; the
 * office-addin-dev-certs package installs a trusted localhost certificate where it can
 * (Windows, macOS). Where it cannot (Linux, CI), the server falls back to a self-signed
 * certificate and says so: the browser will then ask to trust it once.
 */
export async function httpsOptions(): Promise<ServerOptions | undefined> {
  try {
    const devCerts = require("office-addin-dev-certs") as { getHttpsServerOptions(): Promise<ServerOptions> };
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    console.warn(
      `Could not install the localhost development certificate (${firstLine(error)}); serving with a self-signed certificate instead.`,
    );
    return undefined;
  }
}
