/**
 * The manifest in the repository points at the development server. A production build rewrites
 * every such URL (all occurrences) to the base URL the add-in is deployed at.
 */
import { DEV_BASE_URL } from "./dev-server";

/** Checks and normalizes ADDIN_BASE_URL: an absolute https URL, ending in "/". */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(
      `ADDIN_BASE_URL is not a URL: "${raw}". Set it to the https address the add-in is served from, e.g. https://addin.example.org/`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_BASE_URL must use https (Office loads add-ins only over https); got "${raw}".`);
  }
  if (url.search || url.hash)
    throw new Error(`ADDIN_BASE_URL must not have a query or fragment; got "${raw}".`);
  const text = url.toString();
  return text.endsWith("/") ? text : `${text}/`;
}

export function rewriteManifestUrls(manifest: string, baseUrl: string): string {
  return manifest.split(DEV_BASE_URL).join(normalizeBaseUrl(baseUrl));
}
