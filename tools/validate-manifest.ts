/**
 * Offline checks of the add-in manifest (the online validator is not always reachable). It reads
 * the manifest with office-addin-manifest and with a small well-formedness parser of its own, then
 * checks what Office rejects or what would break this add-in at run time:
 *
 *  1. required fields (GUID Id, Version, ProviderName, DefaultLocale, DisplayName, Description,
 *     IconUrl, SupportUrl, Hosts with Workbook, Permissions exactly ReadWriteDocument);
 *  2. every resid is defined exactly once in Resources, has the right resource kind, and is at
 *     most 32 characters; strings respect the 125/250 character limits;
 *  3. every URL is https;
 *  4. every icon under /assets/ exists and has the pixel size the manifest declares, and the
 *     store icon assets/icon-128.png is 128 x 128;
 *  5. the shared runtime: SharedRuntime 1.1 is required, and the Runtime, the custom functions
 *     page, the FunctionFile and the task pane all use one resid;
 *  6. custom functions: the extension point is complete, and (when given) functions.json lists
 *     exactly the @customfunction functions of the TypeScript source.
 *
 * Usage: ts-node tools/validate-manifest.ts [manifest.xml] [--functions dist/functions.json]
 *          [--source src/functions/functions.ts] [--assets assets]
 */
import { existsSync, readFileSync } from "fs";
import { basename, join, normalize } from "path";
import { OfficeAddinManifest } from "office-addin-manifest";
import * as ts from "typescript";
import { readPngSize } from "./icons/png";

export interface ValidateOptions {
  manifestPath: string;
  /** Folder that holds the files served under https://.../assets/; default "assets". */
  assetsDir?: string;
  /** The generated custom functions metadata (e.g. dist/functions.json). */
  functionsJsonPath?: string;
  /** The TypeScript source whose @customfunction functions functions.json must list. */
  functionsSourcePath?: string;
}

export interface ValidationResult {
  problems: string[];
  /** How many individual checks ran (passed or failed). */
  checks: number;
}

export const MAX_RESID_LENGTH = 32;
export const SHORT_STRING_LIMIT = 125;
export const LONG_STRING_LIMIT = 250;
export const REQUIRED_PERMISSIONS = "ReadWriteDocument";
export const SHARED_RUNTIME_VERSION = "1.1";
/** Sizes Office needs for every ribbon <Icon>. */
export const RIBBON_ICON_SIZES = [16, 32, 80] as const;
export const STORE_ICON = { file: "icon-128.png", size: 128 } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;

// ---------------------------------------------------------------------------------------------
// A small XML parser: enough to check well-formedness and walk the manifest as a tree.

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (entities decoded). */
  text: string;
  parent?: XmlElement;
  line: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "XmlSyntaxError";
  }
}

const NAME = /[\p{L}_:][\p{L}\p{N}_:.\-\u00B7]*/uy;
const PREDEFINED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Parses `source` into its root element; throws XmlSyntaxError when it is not well-formed. */
export function parseXml(source: string): XmlElement {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const where = (at: number): { line: number; column: number } => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - lineStarts[low]! + 1 };
  };
  const fail = (reason: string, at: number = pos): never => {
    const { line, column } = where(at);
    throw new XmlSyntaxError(reason, line, column);
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const match = NAME.exec(text);
    if (!match) return fail("expected a name");
    pos += match[0].length;
    return match[0];
  };
  const skipSpace = (): boolean => {
    const start = pos;
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    return pos > start;
  };
  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&<\s]*);?/g, (whole, entity: string, offset: number) => {
      if (!whole.endsWith(";")) fail('"&" must start an entity such as &amp;', start + offset);
      if (entity.startsWith("#")) {
        const code = entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        const valid = /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(entity) && code <= 0x10ffff;
        if (!valid) fail(`invalid character reference &${entity};`, start + offset);
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED_ENTITIES[entity];
      if (value === undefined) fail(`unknown entity &${entity};`, start + offset);
      return value!;
    });
  const skipPast = (terminator: string, what: string): void => {
    const end = text.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated ${what}`);
    pos = end + terminator.length;
  };

  while (pos < text.length) {
    const start = pos;
    if (text.startsWith("<!--", pos)) {
      skipPast("-->", "comment");
    } else if (text.startsWith("<![CDATA[", pos)) {
      if (stack.length === 0) fail("CDATA section outside the root element");
      const end = text.indexOf("]]>", pos);
      if (end < 0) fail("unterminated CDATA section");
      stack[stack.length - 1]!.text += text.slice(pos + 9, end);
      pos = end + 3;
    } else if (text.startsWith("<?", pos)) {
      pos += 2;
      const target = readName();
      if (target.toLowerCase() === "xml" && start !== 0)
        fail("the XML declaration must come first in the file", start);
      skipPast("?>", "processing instruction");
    } else if (text.startsWith("<!", pos)) {
      fail("DOCTYPE and other markup declarations are not allowed in a manifest");
    } else if (text.startsWith("</", pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== ">") fail(`expected ">" to end </${name}>`);
      pos++;
      const open = stack.pop();
      if (!open) fail(`closing tag </${name}> has no opening tag`, start);
      if (open!.name !== name)
        fail(`closing tag </${name}> does not match <${open!.name}> (opened at line ${open!.line})`, start);
    } else if (text[pos] === "<") {
      pos++;
      if (stack.length === 0 && root) fail("content after the root element", start);
      const element: XmlElement = {
        name: readName(),
        attributes: {},
        children: [],
        text: "",
        line: where(start).line,
      };
      let selfClosing = false;
      for (;;) {
        const spaced = skipSpace();
        if (text.startsWith("/>", pos)) {
          pos += 2;
          selfClosing = true;
          break;
        }
        if (text[pos] === ">") {
          pos++;
          break;
        }
        if (pos >= text.length) fail(`unterminated start tag <${element.name}>`, start);
        if (!spaced) fail(`expected whitespace before the next attribute of <${element.name}>`);
        const attrStart = pos;
        const attr = readName();
        skipSpace();
        if (text[pos] !== "=") fail(`attribute ${attr} of <${element.name}> has no value`);
        pos++;
        skipSpace();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") fail(`the value of attribute ${attr} must be quoted`);
        const end = text.indexOf(quote!, pos + 1);
        if (end < 0) fail(`unterminated value of attribute ${attr}`);
        const raw = text.slice(pos + 1, end);
        if (raw.includes("<"))
          fail(`"<" is not allowed in the value of attribute ${attr}`, pos + 1 + raw.indexOf("<"));
        if (Object.prototype.hasOwnProperty.call(element.attributes, attr))
          fail(`duplicate attribute ${attr} on <${element.name}>`, attrStart);
        element.attributes[attr] = decode(raw, pos + 1);
        pos = end + 1;
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        element.parent = parent;
        parent.children.push(element);
      } else {
        root = element;
      }
      if (!selfClosing) stack.push(element);
    } else {
      const end = text.indexOf("<", pos);
      const raw = text.slice(pos, end < 0 ? text.length : end);
      const current = stack[stack.length - 1];
      if (!current) {
        if (raw.trim())
          fail(root ? "text after the root element" : "text before the root element", pos + raw.search(/\S/));
      } else {
        current.text += decode(raw, pos);
      }
      pos += raw.length;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    fail(`<${open.name}> (opened at line ${open.line}) is never closed`, text.length);
  }
  if (!root) fail("the file has no root element", 0);
  return root!;
}

// ---------------------------------------------------------------------------------------------
// Tree helpers. Names are compared without their namespace prefix ("bt:Image" -> "Image").

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function attr(element: XmlElement, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(element.attributes, name)) return element.attributes[name];
  for (const [key, value] of Object.entries(element.attributes))
    if (localName(key) === name && key.includes(":")) return value;
  return undefined;
}

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => localName(child.name) === name);
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => localName(c.name) === name);
}

function descendants(
  element: XmlElement,
  predicate: (e: XmlElement) => boolean,
  into: XmlElement[] = [],
): XmlElement[] {
  for (const c of element.children) {
    if (predicate(c)) into.push(c);
    descendants(c, predicate, into);
  }
  return into;
}

function ancestor(element: XmlElement, name: string): XmlElement | undefined {
  for (let p = element.parent; p; p = p.parent) if (localName(p.name) === name) return p;
  return undefined;
}

/** "<Label> in <Group>" */
function describe(element: XmlElement): string {
  return element.parent ? `<${element.name}> in <${element.parent.name}>` : `<${element.name}>`;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}

// ---------------------------------------------------------------------------------------------

class Report {
  checks = 0;
  readonly problems: string[] = [];

  /** Counts one check; records `problem` when `ok` is false. Returns `ok`. */
  check(ok: boolean, problem: () => string): boolean {
    this.checks++;
    if (!ok) this.problems.push(problem());
    return ok;
  }
}

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

interface Resource {
  id: string;
  kind: ResourceKind;
  element: XmlElement;
}

const KIND_LABEL: Record<ResourceKind, string> = {
  Image: "bt:Image",
  Url: "bt:Url",
  ShortString: "bt:String in ShortStrings",
  LongString: "bt:String in LongStrings",
};

/** The resource kind an element's resid must refer to (undefined: not checked). */
function expectedKind(element: XmlElement): ResourceKind | undefined {
  switch (localName(element.name)) {
    case "Image":
      return "Image";
    case "SourceLocation":
    case "FunctionFile":
    case "Runtime":
    case "LearnMoreUrl":
      return "Url";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortString";
    case "Description":
      return "LongString";
    default:
      return undefined;
  }
}

function collectResources(root: XmlElement): Resource[] {
  const resources: Resource[] = [];
  const resourcesElement = descendants(
    root,
    (e) => localName(e.name) === "Resources" && !!ancestor(e, "VersionOverrides"),
  )[0];
  if (!resourcesElement) return resources;
  const groups: [string, string, ResourceKind][] = [
    ["Images", "Image", "Image"],
    ["Urls", "Url", "Url"],
    ["ShortStrings", "String", "ShortString"],
    ["LongStrings", "String", "LongString"],
  ];
  for (const [groupName, itemName, kind] of groups) {
    for (const group of childrenNamed(resourcesElement, groupName)) {
      for (const item of childrenNamed(group, itemName))
        resources.push({ id: attr(item, "id") ?? "", kind, element: item });
    }
  }
  return resources;
}

/** DefaultValue and every Override Value of an element, labelled for messages. */
function localizedValues(element: XmlElement): { label: string; locale?: string; value: string }[] {
  const values: { label: string; locale?: string; value: string }[] = [];
  const defaultValue = attr(element, "DefaultValue");
  if (defaultValue !== undefined) values.push({ label: "DefaultValue", value: defaultValue });
  for (const override of childrenNamed(element, "Override")) {
    const locale = attr(override, "Locale") ?? "?";
    values.push({ label: `${locale} Override`, locale, value: attr(override, "Value") ?? "" });
  }
  return values;
}

function resourceLabel(resource: Resource): string {
  return `${KIND_LABEL[resource.kind]} "${resource.id}"`;
}

interface ManifestFields {
  id?: string;
  version?: string;
  providerName?: string;
  defaultLocale?: string;
  displayName?: string;
  description?: string;
  iconUrl?: string;
  supportUrl?: string;
  hosts?: string[];
  permissions?: string;
  officeAppType?: string;
}

/** The same fields office-addin-manifest reports, read from our own tree (used when it fails). */
function fieldsFromTree(root: XmlElement): ManifestFields {
  const value = (name: string) => child(root, name)?.text.trim();
  const defaultValue = (name: string) => {
    const element = child(root, name);
    return element ? attr(element, "DefaultValue") : undefined;
  };
  return {
    id: value("Id"),
    version: value("Version"),
    providerName: value("ProviderName"),
    defaultLocale: value("DefaultLocale"),
    displayName: defaultValue("DisplayName"),
    description: defaultValue("Description"),
    iconUrl: defaultValue("IconUrl"),
    supportUrl: defaultValue("SupportUrl"),
    hosts: childrenNamed(child(root, "Hosts") ?? root, "Host").map((h) => attr(h, "Name") ?? ""),
    permissions: value("Permissions"),
    officeAppType: attr(root, "type"),
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Parsing and required fields

function checkRequiredFields(report: Report, root: XmlElement, fields: ManifestFields): void {
  report.check(
    localName(root.name) === "OfficeApp",
    () => `root element is <${root.name}>; expected <OfficeApp>`,
  );
  const type = fields.officeAppType ?? attr(root, "type");
  report.check(type === "TaskPaneApp", () => `OfficeApp xsi:type is "${type ?? ""}"; expected "TaskPaneApp"`);

  const required: [string, string | undefined][] = [
    ["Id", fields.id],
    ["Version", fields.version],
    ["ProviderName", fields.providerName],
    ["DefaultLocale", fields.defaultLocale],
    ["DisplayName", fields.displayName],
    ["Description", fields.description],
    ["IconUrl", fields.iconUrl],
    ["SupportUrl", fields.supportUrl],
    ["Permissions", fields.permissions],
  ];
  for (const [name, value] of required)
    report.check(!!value?.trim(), () => `required element <${name}> is missing or empty`);

  const id = fields.id?.trim();
  if (id) report.check(GUID.test(id), () => `Id "${id}" is not a GUID`);
  const version = fields.version?.trim();
  if (version) report.check(VERSION.test(version), () => `Version "${version}" is not of the form n.n.n.n`);

  const hosts = (fields.hosts ?? []).filter(Boolean);
  report.check(
    hosts.includes("Workbook"),
    () => `Hosts does not contain Workbook (found: ${hosts.join(", ") || "none"})`,
  );
  const permissions = fields.permissions?.trim();
  if (permissions) {
    report.check(
      permissions === REQUIRED_PERMISSIONS,
      () => `Permissions is "${permissions}"; expected exactly ${REQUIRED_PERMISSIONS}`,
    );
  }

  for (const [name, limit] of [
    ["DisplayName", SHORT_STRING_LIMIT],
    ["Description", LONG_STRING_LIMIT],
  ] as const) {
    const element = child(root, name);
    if (!element) continue;
    for (const { label, value } of localizedValues(element)) {
      const length = [...value].length;
      report.check(
        length <= limit,
        () => `${name} ${label} is ${length} characters long; the limit is ${limit}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Resources

function checkResources(report: Report, root: XmlElement, resources: Resource[]): void {
  const byId = new Map<string, Resource[]>();
  for (const resource of resources) byId.set(resource.id, [...(byId.get(resource.id) ?? []), resource]);

  for (const [id, defined] of byId) {
    report.check(id !== "", () => `a ${KIND_LABEL[defined[0]!.kind]} in Resources has no id`);
    if (!id) continue;
    report.check(
      defined.length === 1,
      () => `resource id "${id}" is defined ${defined.length} times in Resources`,
    );
    report.check(
      id.length <= MAX_RESID_LENGTH,
      () => `resource id "${id}" is ${id.length} characters long; the limit is ${MAX_RESID_LENGTH}`,
    );
  }

  const users = descendants(root, (e) => attr(e, "resid") !== undefined);
  const lengthChecked = new Set(byId.keys());
  for (const user of users) {
    const resid = attr(user, "resid")!;
    if (!report.check(resid !== "", () => `${describe(user)} has an empty resid`)) continue;
    if (!lengthChecked.has(resid)) {
      lengthChecked.add(resid);
      report.check(
        resid.length <= MAX_RESID_LENGTH,
        () => `resid "${resid}" is ${resid.length} characters long; the limit is ${MAX_RESID_LENGTH}`,
      );
    }
    const defined = byId.get(resid);
    if (
      !report.check(
        !!defined,
        () => `resid "${resid}" (used by ${describe(user)}) is not defined in Resources`,
      )
    )
      continue;
    const kind = expectedKind(user);
    const actual = defined![0]!.kind;
    if (kind) {
      report.check(
        actual === kind,
        () =>
          `resid "${resid}" (used by ${describe(user)}) is a ${KIND_LABEL[actual]}; ${describe(user)} needs a ${KIND_LABEL[kind]}`,
      );
    }
  }

  for (const resource of resources) {
    if (resource.kind !== "ShortString" && resource.kind !== "LongString") continue;
    const limit = resource.kind === "ShortString" ? SHORT_STRING_LIMIT : LONG_STRING_LIMIT;
    const values = localizedValues(resource.element);
    report.check(
      values.some((v) => v.label === "DefaultValue"),
      () => `${resourceLabel(resource)} has no DefaultValue`,
    );
    for (const { label, value } of values) {
      const length = [...value].length;
      report.check(length > 0, () => `${resourceLabel(resource)} ${label} is empty`);
      report.check(
        length <= limit,
        () => `${resourceLabel(resource)} ${label} is ${length} characters long; the limit is ${limit}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. URLs

interface UrlUse {
  where: string;
  value: string;
}

const URL_ELEMENTS = new Set([
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "SourceLocation",
  "Url",
  "Image",
]);

function collectUrls(root: XmlElement): UrlUse[] {
  const uses: UrlUse[] = [];
  for (const element of descendants(root, (e) => URL_ELEMENTS.has(localName(e.name)))) {
    const id = attr(element, "id");
    const name =
      id !== undefined
        ? `${element.name} "${id}"`
        : element.parent && localName(element.name) === "SourceLocation"
          ? `${element.parent.name} SourceLocation`
          : element.name;
    for (const { label, value } of localizedValues(element)) uses.push({ where: `${name} ${label}`, value });
  }
  for (const domain of descendants(root, (e) => localName(e.name) === "AppDomain"))
    uses.push({ where: "AppDomain", value: domain.text.trim() });
  return uses;
}

function checkUrls(report: Report, root: XmlElement): void {
  for (const { where, value } of collectUrls(root)) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!report.check(!!url, () => `${where} is not an absolute URL: "${value}"`)) continue;
    report.check(url!.protocol === "https:", () => `${where} is not https: "${value}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Icons

interface SizeClaim {
  size: number;
  by: string;
}

function sizeFromFileName(url: string): number | undefined {
  const match = /icon-(\d+)\.png$/i.exec(url);
  return match ? Number(match[1]) : undefined;
}

function sizeFromImageId(id: string): number | undefined {
  const match = /(\d+)x(\d+)/.exec(id) ?? /(?:^|\D)(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** Maps https://host/.../assets/x.png to <assetsDir>/x.png; undefined for URLs outside an assets folder. */
function assetFile(value: string, assetsDir: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  // The production build may serve the add-in under a path (https://host/tracker/assets/...).
  const path = decodeURIComponent(url.pathname);
  const at = path.lastIndexOf("/assets/");
  if (at < 0) return undefined;
  const relative = normalize(path.slice(at + "/assets/".length));
  if (relative.startsWith("..")) return undefined;
  return join(assetsDir, relative);
}

function checkIconFile(report: Report, file: string, where: string, claims: SizeClaim[]): void {
  if (!report.check(existsSync(file), () => `icon file ${file} (${where}) does not exist`)) return;
  let size: { width: number; height: number } | undefined;
  try {
    size = readPngSize(readFileSync(file));
  } catch (err) {
    size = undefined;
    report.check(false, () => `icon file ${file} (${where}) is not a PNG: ${firstLine(err)}`);
  }
  if (!size) return;
  const distinct = [...new Set(claims.map((c) => c.size))];
  for (const expected of distinct) {
    const by = [...new Set(claims.filter((c) => c.size === expected).map((c) => c.by))].join(", ");
    report.check(
      size.width === expected && size.height === expected,
      () =>
        `icon file ${file} is ${size!.width}x${size!.height}; expected ${expected}x${expected} (declared by ${by})`,
    );
  }
}

function checkIcons(report: Report, root: XmlElement, resources: Resource[], assetsDir: string): void {
  const topLevel: [string, number][] = [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ];
  for (const [name, size] of topLevel) {
    const element = child(root, name);
    if (!element) continue;
    for (const { label, value } of localizedValues(element)) {
      const file = assetFile(value, assetsDir);
      if (!file) continue;
      const claims: SizeClaim[] = [{ size, by: name }];
      const named = sizeFromFileName(value);
      if (named !== undefined) claims.push({ size: named, by: `the file name ${basename(file)}` });
      checkIconFile(report, file, `${name} ${label}`, claims);
    }
  }

  const imageUses = descendants(root, (e) => localName(e.name) === "Image" && attr(e, "resid") !== undefined);
  for (const image of resources.filter((r) => r.kind === "Image")) {
    const claims: SizeClaim[] = [];
    const fromId = sizeFromImageId(image.id);
    if (fromId !== undefined) claims.push({ size: fromId, by: `the id of bt:Image "${image.id}"` });
    for (const use of imageUses.filter((u) => attr(u, "resid") === image.id)) {
      const size = Number(attr(use, "size"));
      if (Number.isInteger(size) && size > 0)
        claims.push({ size, by: `size="${size}" where bt:Image "${image.id}" is used` });
    }
    const sizes = new Set(claims.map((c) => c.size));
    report.check(
      sizes.size <= 1,
      () =>
        `bt:Image "${image.id}" is declared at different sizes: ${[...new Set(claims.map((c) => `${c.size} by ${c.by}`))].join("; ")}`,
    );
    for (const { label, value } of localizedValues(image.element)) {
      const file = assetFile(value, assetsDir);
      if (!file) continue;
      const named = sizeFromFileName(value);
      const fileClaims =
        named !== undefined ? [...claims, { size: named, by: `the file name ${basename(file)}` }] : claims;
      checkIconFile(report, file, `bt:Image "${image.id}" ${label}`, fileClaims);
    }
  }

  for (const icon of descendants(root, (e) => localName(e.name) === "Icon")) {
    const owner = icon.parent
      ? `<${icon.parent.name}${attr(icon.parent, "id") ? ` id="${attr(icon.parent, "id")}"` : ""}>`
      : "<Icon>";
    const sizes = new Set(childrenNamed(icon, "Image").map((i) => Number(attr(i, "size"))));
    for (const size of RIBBON_ICON_SIZES) {
      report.check(sizes.has(size), () => `the <Icon> of ${owner} has no bt:Image of size ${size}`);
    }
  }

  const store = join(assetsDir, STORE_ICON.file);
  if (report.check(existsSync(store), () => `store icon ${store} does not exist`)) {
    let size: { width: number; height: number } | undefined;
    try {
      size = readPngSize(readFileSync(store));
    } catch (err) {
      report.check(false, () => `store icon ${store} is not a PNG: ${firstLine(err)}`);
    }
    if (size) {
      report.check(
        size.width === STORE_ICON.size && size.height === STORE_ICON.size,
        () =>
          `store icon ${store} is ${size!.width}x${size!.height}; expected ${STORE_ICON.size}x${STORE_ICON.size}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Shared runtime

function extensionPoints(root: XmlElement, type: string): XmlElement[] {
  return descendants(root, (e) => localName(e.name) === "ExtensionPoint" && attr(e, "type") === type);
}

function checkSharedRuntime(report: Report, root: XmlElement, resources: Resource[]): void {
  const sets = child(child(root, "Requirements"), "Sets");
  const shared = sets
    ? childrenNamed(sets, "Set").find((s) => attr(s, "Name") === "SharedRuntime")
    : undefined;
  if (
    report.check(
      !!shared,
      () =>
        `Requirements do not include the SharedRuntime requirement set (<Set Name="SharedRuntime" MinVersion="${SHARED_RUNTIME_VERSION}"/>)`,
    )
  ) {
    const version = attr(shared!, "MinVersion") ?? (sets ? attr(sets, "DefaultMinVersion") : undefined);
    report.check(
      version === SHARED_RUNTIME_VERSION,
      () => `SharedRuntime requirement has MinVersion "${version ?? ""}"; expected ${SHARED_RUNTIME_VERSION}`,
    );
  }

  const users: { role: string; resid: string | undefined }[] = [];
  const runtimes = descendants(root, (e) => localName(e.name) === "Runtime" && !!ancestor(e, "Runtimes"));
  if (
    report.check(
      runtimes.length > 0,
      () =>
        `no <Runtime> element: a shared runtime needs <Runtimes><Runtime resid="..." lifetime="long"/></Runtimes>`,
    )
  ) {
    for (const runtime of runtimes) {
      const resid = attr(runtime, "resid");
      report.check(
        attr(runtime, "lifetime") === "long",
        () => `<Runtime resid="${resid ?? ""}"> must have lifetime="long"`,
      );
      users.push({ role: "Runtime", resid });
    }
  }
  for (const point of extensionPoints(root, "CustomFunctions")) {
    const page = child(child(point, "Page"), "SourceLocation");
    if (page) users.push({ role: "CustomFunctions Page", resid: attr(page, "resid") });
  }
  const functionFiles = descendants(root, (e) => localName(e.name) === "FunctionFile");
  report.check(functionFiles.length > 0, () => `no <FunctionFile>: it must use the shared runtime's resid`);
  for (const file of functionFiles) users.push({ role: "FunctionFile", resid: attr(file, "resid") });
  const taskpanes = descendants(
    root,
    (e) => localName(e.name) === "Action" && attr(e, "type") === "ShowTaskpane",
  );
  report.check(
    taskpanes.length > 0,
    () => `no ShowTaskpane action: the task pane button must open the shared runtime's page`,
  );
  for (const action of taskpanes)
    users.push({
      role: "ShowTaskpane SourceLocation",
      resid: attr(child(action, "SourceLocation") ?? action, "resid"),
    });

  const distinct = new Set(users.map((u) => u.resid ?? "(none)"));
  report.check(
    distinct.size <= 1,
    () =>
      `shared runtime resids differ: ${users.map((u) => `${u.role}=${u.resid ?? "(none)"}`).join(", ")}; all must use the same resid`,
  );

  // The task pane a user opens from the add-in list (DefaultSettings) is the same page as the runtime.
  const runtimeResid = users[0]?.resid;
  const runtimeUrl = resources.find((r) => r.kind === "Url" && r.id === runtimeResid);
  const defaultSource = child(child(root, "DefaultSettings"), "SourceLocation");
  const runtimeValue = runtimeUrl ? attr(runtimeUrl.element, "DefaultValue") : undefined;
  const defaultValue = defaultSource ? attr(defaultSource, "DefaultValue") : undefined;
  if (runtimeValue !== undefined && defaultValue !== undefined) {
    report.check(
      runtimeValue === defaultValue,
      () =>
        `DefaultSettings SourceLocation "${defaultValue}" differs from the shared runtime URL "${runtimeValue}" (${runtimeResid})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Custom functions

/** Ids of the exported functions whose JSDoc has @customfunction, as custom-functions-metadata derives them. */
export function customFunctionIds(sourceText: string, fileName = "functions.ts"): string[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ids: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    const exported = ts.getCombinedModifierFlags(statement) & ts.ModifierFlags.Export;
    if (!exported) continue;
    const tag = ts.getJSDocTags(statement).find((t) => t.tagName.text.toLowerCase() === "customfunction");
    if (!tag) continue;
    const argument = (ts.getTextOfJSDocComment(tag.comment) ?? "").trim().split(/\s+/)[0];
    // The metadata generator upper-cases ids, including ones given in the tag.
    ids.push((argument || statement.name.text).toUpperCase());
  }
  return ids;
}

function checkCustomFunctions(
  report: Report,
  root: XmlElement,
  resources: Resource[],
  options: ValidateOptions,
): void {
  const points = extensionPoints(root, "CustomFunctions");
  if (report.check(points.length > 0, () => `no CustomFunctions extension point`)) {
    for (const point of points) {
      report.check(
        !!attr(child(point, "Namespace") ?? point, "resid"),
        () => `CustomFunctions extension point lacks <Namespace resid="...">`,
      );
      for (const part of ["Script", "Page", "Metadata"]) {
        const location = child(child(point, part), "SourceLocation");
        report.check(
          !!location && !!attr(location, "resid"),
          () => `CustomFunctions extension point lacks <${part}><SourceLocation resid="..."/></${part}>`,
        );
      }
      const namespaceResid = attr(child(point, "Namespace") ?? point, "resid");
      const namespace = resources.find((r) => r.id === namespaceResid);
      if (namespace) {
        const values = localizedValues(namespace.element);
        const defaultValue = values.find((v) => v.label === "DefaultValue")?.value ?? "";
        for (const v of values.filter((x) => x.locale)) {
          report.check(
            v.value === defaultValue,
            () =>
              `custom functions Namespace differs in locale ${v.locale} ("${v.value}" instead of "${defaultValue}"); it must be the same in every locale`,
          );
        }
      }
    }
  }

  const jsonPath = options.functionsJsonPath;
  if (!jsonPath) return;
  if (!report.check(existsSync(jsonPath), () => `functions metadata ${jsonPath} does not exist`)) return;
  let metadata: unknown;
  try {
    metadata = JSON.parse(readFileSync(jsonPath, "utf8"));
  } catch (err) {
    report.check(false, () => `functions metadata ${jsonPath} is not valid JSON: ${firstLine(err)}`);
    return;
  }
  const list = (metadata as { functions?: unknown } | null)?.functions;
  if (!report.check(Array.isArray(list), () => `functions metadata ${jsonPath} has no "functions" array`))
    return;
  const jsonIds: string[] = [];
  for (const entry of list as unknown[]) {
    const id = (entry as { id?: unknown } | null)?.id;
    if (
      report.check(
        typeof id === "string" && id !== "",
        () => `functions metadata ${jsonPath} has a function without an id`,
      )
    )
      jsonIds.push(id as string);
  }
  for (const id of new Set(jsonIds)) {
    const count = jsonIds.filter((x) => x === id).length;
    report.check(count === 1, () => `functions metadata ${jsonPath} lists id ${id} ${count} times`);
  }

  const sourcePath = options.functionsSourcePath;
  if (!sourcePath) return;
  if (!report.check(existsSync(sourcePath), () => `functions source ${sourcePath} does not exist`)) return;
  const sourceIds = customFunctionIds(readFileSync(sourcePath, "utf8"), sourcePath);
  const inJson = new Set(jsonIds);
  const inSource = new Set(sourceIds);
  const missing = [...inSource].filter((id) => !inJson.has(id));
  const extra = [...inJson].filter((id) => !inSource.has(id));
  report.check(
    missing.length === 0,
    () =>
      `functions metadata ${jsonPath} is missing ids of @customfunction functions in ${sourcePath}: ${missing.join(", ")}`,
  );
  report.check(
    extra.length === 0,
    () =>
      `functions metadata ${jsonPath} has ids with no @customfunction function in ${sourcePath}: ${extra.join(", ")}`,
  );
}

// ---------------------------------------------------------------------------------------------

/** Runs every check and reports the problems found and how many checks ran. */
export async function runManifestValidation(options: ValidateOptions): Promise<ValidationResult> {
  const report = new Report();
  const { manifestPath } = options;
  const assetsDir = options.assetsDir ?? "assets";

  let text: string;
  try {
    text = readFileSync(manifestPath, "utf8");
  } catch (err) {
    report.check(false, () => `manifest ${manifestPath} cannot be read: ${firstLine(err)}`);
    return { problems: report.problems, checks: report.checks };
  }

  let root: XmlElement | undefined;
  try {
    root = parseXml(text);
    report.check(true, () => "");
  } catch (err) {
    report.check(false, () => `manifest is not well-formed XML: ${firstLine(err)}`);
  }

  let fields: ManifestFields | undefined;
  try {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    report.check(
      info.manifestType === undefined || info.manifestType === "xml",
      () => `office-addin-manifest did not read ${manifestPath} as an XML manifest`,
    );
    fields = info;
  } catch (err) {
    report.check(false, () => `office-addin-manifest cannot read the manifest: ${firstLine(err)}`);
  }
  if (!root) return { problems: report.problems, checks: report.checks };

  const resources = collectResources(root);
  checkRequiredFields(report, root, fields ?? fieldsFromTree(root));
  checkResources(report, root, resources);
  checkUrls(report, root);
  checkIcons(report, root, resources, assetsDir);
  checkSharedRuntime(report, root, resources);
  checkCustomFunctions(report, root, resources, options);
  return { problems: report.problems, checks: report.checks };
}

/** The problems found in the manifest; an empty list means it passed every check. */
export async function validateManifest(options: ValidateOptions): Promise<string[]> {
  return (await runManifestValidation(options)).problems;
}

const USAGE =
  "usage: validate-manifest [manifest.xml] [--functions functions.json [--source functions.ts]] [--assets dir]";

/** Reads the command line; throws with a one-line message on bad arguments. */
export function parseArgs(argv: string[]): ValidateOptions {
  const options: ValidateOptions = { manifestPath: "manifest.xml" };
  let manifestGiven = false;
  const flags: Record<string, keyof ValidateOptions> = {
    "--functions": "functionsJsonPath",
    "--source": "functionsSourcePath",
    "--assets": "assetsDir",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = flags[arg];
    if (key) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a path; ${USAGE}`);
      options[key] = value;
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}; ${USAGE}`);
    } else if (manifestGiven) {
      throw new Error(`more than one manifest given (${options.manifestPath}, ${arg}); ${USAGE}`);
    } else {
      options.manifestPath = arg;
      manifestGiven = true;
    }
  }
  if (options.functionsSourcePath && !options.functionsJsonPath)
    throw new Error(`--source needs --functions to compare against; ${USAGE}`);
  return options;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let options: ValidateOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`validate-manifest: ${firstLine(err)}\n`);
    return 2;
  }
  const { problems, checks } = await runManifestValidation(options);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${options.manifestPath}: ${problem}\n`);
    return 1;
  }
  process.stdout.write(`manifest OK: ${checks} checks\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`validate-manifest: ${firstLine(err)}\n`);
      process.exitCode = 1;
    },
  );
}
