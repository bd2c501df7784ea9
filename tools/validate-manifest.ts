/**
 * Offline checks of the add-in manifest (the online validator is not always reachable). They are
 * the rules of this add-in that the XML schema cannot express, each one a mistake that would
 * break it at run time or in the store:
 *
 *  - it is an Excel add-in (Hosts has Workbook) that may write the workbook (ReadWriteDocument);
 *  - every resid is defined once in Resources, as the kind of resource its element needs;
 *  - every URL is https, in its DefaultValue and in every locale Override;
 *  - every icon under /assets/ is in the assets folder at the pixel size the manifest declares,
 *    ribbon icons come in 16, 32 and 80, and the store icon is 128 x 128;
 *  - the task pane, the ribbon and the custom functions share one long-lived runtime: one resid
 *    for the Runtime, the custom functions page, the FunctionFile and the task pane;
 *  - the task pane opens with a document that asks for it: a ShowTaskpane action has the TaskpaneId
 *    Office.AutoShowTaskpaneWithDocument, the only id Excel honours the document setting of that
 *    name for (learn.microsoft.com/office/dev/add-ins/develop/automatically-open-a-task-pane-with-a-document),
 *    and no more than one has it (Office takes the first);
 *  - the custom functions namespace is the same in every locale, and every functions metadata file
 *    the manifest names (functions.json, and functions.zh-CN.json for its zh-CN Override, looked
 *    up beside it) lists exactly the exported @customfunction functions of the source and sets
 *    allowErrorForDataTypeAny: true at its top level, without which Excel does not call a function
 *    whose argument holds an error (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors);
 *    each file names every function by its id, and a localized file gives each function as many
 *    parameters as functions.json does.
 *
 * The manifest is parsed once, by fast-xml-parser. What the schema already says (required
 * elements, GUID, Version format, string and resid lengths) is not repeated here.
 *
 * Usage: ts-node tools/validate-manifest.ts [manifest.xml] [--functions dist/functions.json]
 *          [--source src/functions/functions.ts] [--assets assets]
 */
import { existsSync, readFileSync } from "fs";
import { basename, dirname, join, normalize } from "path";
import * as ts from "typescript";
import { firstLine } from "./first-line";
import { readPngSize, type PngSize } from "./icons/png";
import { child, childrenNamed, descendants, parseManifest, type XmlElement } from "./manifest-xml";

export interface ValidateOptions {
  manifestPath: string;
  /** Folder that holds the files served under https://.../assets/; default "assets". */
  assetsDir?: string;
  /**
   * The generated custom functions metadata (e.g. dist/functions.json); the localized files the
   * manifest names (functions.zh-CN.json) are read from the same folder.
   */
  functionsJsonPath?: string;
  /** The TypeScript source whose @customfunction functions functions.json must list. */
  functionsSourcePath?: string;
}

export interface ValidationResult {
  problems: string[];
  /** How many individual checks ran (passed or failed). */
  checks: number;
}

const REQUIRED_HOST = "Workbook";
/** The add-in writes targets and progress into the workbook. */
const REQUIRED_PERMISSIONS = "ReadWriteDocument";
/** Sizes Office needs for every ribbon <Icon>. */
const RIBBON_ICON_SIZES = [16, 32, 80] as const;
/** Sizes Office shows the add-in's own icons at. */
const TOP_LEVEL_ICON_SIZES = { IconUrl: 32, HighResolutionIconUrl: 64 } as const;
/** Not named in the manifest, so checked by its file name. */
const STORE_ICON = { file: "icon-128.png", size: 128 } as const;

/** "<Label> in <Group>" */
function describe(element: XmlElement): string {
  return element.parent ? `<${element.name}> in <${element.parent.name}>` : `<${element.name}>`;
}

/** DefaultValue and every Override Value of an element, labelled for messages. */
function localizedValues(element: XmlElement): { label: string; locale?: string; value: string }[] {
  const { DefaultValue } = element.attributes;
  const overrides = childrenNamed(element, "Override").map((override) => {
    const locale = override.attributes.Locale ?? "?";
    return { label: `${locale} Override`, locale, value: override.attributes.Value ?? "" };
  });
  return DefaultValue === undefined
    ? overrides
    : [{ label: "DefaultValue", value: DefaultValue }, ...overrides];
}

class Report {
  checks = 0;
  readonly problems: string[] = [];

  /** Counts one check; records `problem` when `ok` is false. Returns `ok`. */
  check(ok: boolean, problem: () => string): boolean {
    this.checks++;
    if (!ok) this.problems.push(problem());
    return ok;
  }

  /** The text of a file, or undefined (and a problem) when it cannot be read. */
  read(path: string, what: string): string | undefined {
    if (!this.check(existsSync(path), () => `${what} ${path} does not exist`)) return undefined;
    try {
      return readFileSync(path, "utf8");
    } catch (err) {
      this.check(false, () => `${what} ${path} cannot be read: ${firstLine(err)}`);
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Host and permissions

function checkHostAndPermissions(report: Report, root: XmlElement): void {
  const hosts = childrenNamed(child(root, "Hosts"), "Host").map((host) => host.attributes.Name ?? "");
  report.check(
    hosts.includes(REQUIRED_HOST),
    () => `Hosts does not contain ${REQUIRED_HOST} (found: ${hosts.join(", ") || "none"})`,
  );
  const permissions = child(root, "Permissions")?.text.trim() ?? "";
  report.check(
    permissions === REQUIRED_PERMISSIONS,
    () => `Permissions is "${permissions}"; expected exactly ${REQUIRED_PERMISSIONS}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Resources

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

const KIND_OF_GROUP: Record<string, ResourceKind> = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "ShortString",
  LongStrings: "LongString",
};

/** The kind of resource an element's resid must name (elements not listed are not checked). */
const KIND_FOR_ELEMENT: Record<string, ResourceKind> = {
  Image: "Image",
  SourceLocation: "Url",
  FunctionFile: "Url",
  Runtime: "Url",
  LearnMoreUrl: "Url",
  Label: "ShortString",
  Title: "ShortString",
  Namespace: "ShortString",
  Description: "LongString",
};

function collectResources(root: XmlElement): Resource[] {
  const groups = child(child(root, "VersionOverrides"), "Resources")?.children ?? [];
  return groups.flatMap((group) => {
    const kind = KIND_OF_GROUP[group.name];
    return kind ? group.children.map((item) => ({ id: item.attributes.id ?? "", kind, element: item })) : [];
  });
}

function checkResids(report: Report, root: XmlElement, resources: Resource[]): void {
  const byId = new Map<string, Resource>();
  for (const resource of resources) {
    report.check(!byId.has(resource.id), () => `resource id "${resource.id}" is defined more than once`);
    if (!byId.has(resource.id)) byId.set(resource.id, resource);
  }
  for (const user of descendants(root, (e) => e.attributes.resid !== undefined)) {
    const resid = user.attributes.resid!;
    const resource = byId.get(resid);
    const used = `resid "${resid}" (used by ${describe(user)})`;
    if (!report.check(!!resource, () => `${used} is not defined in Resources`)) continue;
    const needed = KIND_FOR_ELEMENT[user.name];
    if (needed)
      report.check(
        resource!.kind === needed,
        () => `${used} is a ${KIND_LABEL[resource!.kind]}; ${describe(user)} needs a ${KIND_LABEL[needed]}`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// URLs

/** Elements whose DefaultValue and Override values are URLs. */
const URL_ELEMENTS = new Set([
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "SourceLocation",
  "Url",
  "Image",
]);

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** `IconUrl`, `DefaultSettings SourceLocation`, `bt:Url "Taskpane.Url"` (only resources have ids). */
function urlOwner(element: XmlElement): string {
  if (element.attributes.id !== undefined) return `bt:${element.name} "${element.attributes.id}"`;
  return element.name === "SourceLocation" ? `${element.parent?.name} SourceLocation` : element.name;
}

function checkUrls(report: Report, root: XmlElement): void {
  for (const element of descendants(root, (e) => URL_ELEMENTS.has(e.name))) {
    for (const { label, value } of localizedValues(element))
      report.check(
        parseUrl(value)?.protocol === "https:",
        () => `${urlOwner(element)} ${label} is not https: "${value}"`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Icons

/** Maps https://host/.../assets/x.png to <assetsDir>/x.png; undefined for URLs outside an assets folder. */
function assetFile(value: string, assetsDir: string): string | undefined {
  const url = parseUrl(value);
  // A production build may serve the add-in under a path (https://host/tracker/assets/...).
  const path = url ? decodeURIComponent(url.pathname) : "";
  const at = path.lastIndexOf("/assets/");
  if (at < 0) return undefined;
  const relative = normalize(path.slice(at + "/assets/".length));
  return relative.startsWith("..") ? undefined : join(assetsDir, relative);
}

/** Each icon URL in the manifest, where it stands, and the pixel sizes declared for it. */
function iconUrls(
  root: XmlElement,
  resources: Resource[],
): { where: string; url: string; sizes: number[] }[] {
  const topLevel = Object.entries(TOP_LEVEL_ICON_SIZES).flatMap(([name, size]) => {
    const element = child(root, name);
    const values = element ? localizedValues(element) : [];
    return values.map(({ label, value }) => ({ where: `${name} ${label}`, url: value, sizes: [size] }));
  });
  // A bt:Image has the size of every <bt:Image size="..." resid="..."> that shows it.
  const shown = descendants(root, (e) => e.name === "Image" && e.attributes.resid !== undefined);
  const images = resources.filter((r) => r.kind === "Image");
  const ribbon = images.flatMap((image) => {
    const uses = shown.filter((use) => use.attributes.resid === image.id);
    const sizes = [...new Set(uses.map((use) => Number(use.attributes.size)).filter(Number.isInteger))];
    const values = localizedValues(image.element);
    return values.map(({ label, value }) => ({
      where: `bt:Image "${image.id}" ${label}`,
      url: value,
      sizes,
    }));
  });
  return [...topLevel, ...ribbon];
}

function checkIconFile(report: Report, file: string, where: string, sizes: readonly number[]): void {
  if (!report.check(existsSync(file), () => `icon file ${file} (${where}) does not exist`)) return;
  let size: PngSize;
  try {
    size = readPngSize(readFileSync(file));
  } catch (err) {
    report.check(false, () => `icon file ${file} (${where}): ${firstLine(err)}`);
    return;
  }
  for (const expected of sizes)
    report.check(
      size.width === expected && size.height === expected,
      () => `icon file ${file} (${where}) is ${size.width}x${size.height}; expected ${expected}x${expected}`,
    );
}

function checkIcons(report: Report, root: XmlElement, resources: Resource[], assetsDir: string): void {
  for (const { where, url, sizes } of iconUrls(root, resources)) {
    const file = assetFile(url, assetsDir);
    if (file) checkIconFile(report, file, where, sizes);
  }
  checkIconFile(report, join(assetsDir, STORE_ICON.file), "store icon", [STORE_ICON.size]);

  for (const icon of descendants(root, (e) => e.name === "Icon")) {
    const owner = icon.parent?.attributes.id;
    const ownerLabel = `<${icon.parent?.name}${owner ? ` id="${owner}"` : ""}>`;
    const sizes = childrenNamed(icon, "Image").map((image) => Number(image.attributes.size));
    for (const size of RIBBON_ICON_SIZES)
      report.check(sizes.includes(size), () => `the <Icon> of ${ownerLabel} has no bt:Image of size ${size}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared runtime

/** The elements that must load the shared runtime's page, each with how to find them. */
const SHARED_RUNTIME_USERS: [role: string, isUser: (e: XmlElement) => boolean][] = [
  ["<Runtime>", (e) => e.name === "Runtime"],
  [
    "the CustomFunctions <Page>",
    (e) =>
      e.name === "SourceLocation" &&
      e.parent?.name === "Page" &&
      e.parent.parent?.attributes.type === "CustomFunctions",
  ],
  ["<FunctionFile>", (e) => e.name === "FunctionFile"],
  [
    "the ShowTaskpane <Action>",
    (e) => e.name === "SourceLocation" && e.parent?.attributes.type === "ShowTaskpane",
  ],
];

function checkSharedRuntime(report: Report, root: XmlElement, resources: Resource[]): void {
  const sets = descendants(child(root, "Requirements"), (e) => e.name === "Set");
  report.check(
    sets.some((set) => set.attributes.Name === "SharedRuntime"),
    () =>
      `Requirements do not include the SharedRuntime requirement set (<Set Name="SharedRuntime" MinVersion="1.1"/>)`,
  );

  const runtimes = descendants(root, (e) => e.name === "Runtime");
  const noRuntime = `no <Runtime>: a shared runtime needs <Runtimes><Runtime resid="..." lifetime="long"/></Runtimes>`;
  if (!report.check(runtimes.length > 0, () => noRuntime)) return;
  const sharedResid = runtimes[0]!.attributes.resid ?? "";
  for (const runtime of runtimes)
    report.check(
      runtime.attributes.lifetime === "long",
      () => `<Runtime resid="${runtime.attributes.resid ?? ""}"> must have lifetime="long"`,
    );
  for (const [role, isUser] of SHARED_RUNTIME_USERS) {
    const users = descendants(root, isUser);
    report.check(
      users.length > 0,
      () => `${role} is missing: it must use the shared runtime's resid "${sharedResid}"`,
    );
    for (const user of users)
      report.check(
        user.attributes.resid === sharedResid,
        () =>
          `${role} has resid "${user.attributes.resid ?? ""}"; it must use the shared runtime's resid "${sharedResid}"`,
      );
  }

  // The task pane opened from the add-in list must be the runtime's page, or Office starts a second one.
  const runtimeUrl = resources.find((r) => r.kind === "Url" && r.id === sharedResid)?.element.attributes;
  const defaultPage = child(child(root, "DefaultSettings"), "SourceLocation")?.attributes.DefaultValue;
  if (runtimeUrl?.DefaultValue !== undefined && defaultPage !== undefined)
    report.check(
      defaultPage === runtimeUrl.DefaultValue,
      () =>
        `DefaultSettings SourceLocation "${defaultPage}" differs from the shared runtime URL "${runtimeUrl.DefaultValue}" (${sharedResid})`,
    );
}

// ---------------------------------------------------------------------------------------------
// Task pane opened with the document

/**
 * The add-in sets the document setting Office.AutoShowTaskpaneWithDocument (src/excel/sharing.ts);
 * Office opens only the pane whose ShowTaskpane action has that very TaskpaneId, and only the first
 * such pane.
 */
export const AUTO_SHOW_TASKPANE_ID = "Office.AutoShowTaskpaneWithDocument";

function checkAutoShowTaskpane(report: Report, root: XmlElement): void {
  const actions = descendants(root, (e) => e.name === "Action" && e.attributes.type === "ShowTaskpane");
  if (actions.length === 0) return; // reported with the shared runtime
  const ids = actions.map((action) => child(action, "TaskpaneId")?.text.trim() ?? "");
  const auto = ids.filter((id) => id === AUTO_SHOW_TASKPANE_ID).length;
  const found = ids.map((id) => (id ? `"${id}"` : "none")).join(", ");
  report.check(
    auto > 0,
    () =>
      `no ShowTaskpane <Action> has <TaskpaneId>${AUTO_SHOW_TASKPANE_ID}</TaskpaneId> (found: ${found}); ` +
      `without it the document setting ${AUTO_SHOW_TASKPANE_ID} opens no pane`,
  );
  report.check(
    auto <= 1,
    () =>
      `${auto} ShowTaskpane <Action>s have the TaskpaneId ${AUTO_SHOW_TASKPANE_ID}; Office opens only the first`,
  );
}

// ---------------------------------------------------------------------------------------------
// Custom functions

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

/** Formulas name functions as NAMESPACE.ID; a localized namespace breaks workbooks shared across locales. */
function checkNamespace(report: Report, root: XmlElement, resources: Resource[]): void {
  for (const namespace of descendants(root, (e) => e.name === "Namespace")) {
    const resource = resources.find((r) => r.id === namespace.attributes.resid);
    const values = resource ? localizedValues(resource.element) : [];
    const defaultValue = resource?.element.attributes.DefaultValue ?? "";
    for (const { locale, value } of values.filter((v) => v.locale))
      report.check(
        value === defaultValue,
        () =>
          `custom functions Namespace differs in locale ${locale} ("${value}" instead of "${defaultValue}"); it must be the same in every locale`,
      );
  }
}

/** The property Excel needs to call a function whose argument holds an error (the build adds it). */
const ALLOW_ERROR_PROPERTY = "allowErrorForDataTypeAny";

/** What the checks read of one function in a metadata file. */
interface ListedFunction {
  readonly id: string;
  readonly name: unknown;
  readonly parameters: number | undefined;
}

/** The functions a metadata file lists; undefined (with the problem reported) when it cannot be read. */
function listedFunctions(report: Report, jsonPath: string): ListedFunction[] | undefined {
  const text = report.read(jsonPath, "functions metadata");
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    report.check(false, () => `functions metadata ${jsonPath} is not valid JSON: ${firstLine(err)}`);
    return undefined;
  }
  const metadata = (json !== null && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const list = metadata.functions;
  if (!report.check(Array.isArray(list), () => `functions metadata ${jsonPath} has no "functions" array`))
    return undefined;
  report.check(
    metadata[ALLOW_ERROR_PROPERTY] === true,
    () =>
      `functions metadata ${jsonPath} does not set "${ALLOW_ERROR_PROPERTY}": true at its top level ` +
      `(found: ${JSON.stringify(metadata[ALLOW_ERROR_PROPERTY]) ?? "none"}); without it Excel does not call a function whose argument holds an error`,
  );
  const entries = (list as unknown[]).map(
    (entry) => (entry ?? {}) as { id?: unknown; name?: unknown; parameters?: unknown },
  );
  const ids = entries.map((entry) => entry.id);
  report.check(
    ids.every((id) => typeof id === "string" && id !== ""),
    () => `functions metadata ${jsonPath} has an entry without an id`,
  );
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  report.check(
    twice === undefined,
    () => `functions metadata ${jsonPath} lists the id ${String(twice)} twice`,
  );
  return entries.flatMap((entry) =>
    typeof entry.id === "string"
      ? [
          {
            id: entry.id,
            name: entry.name,
            parameters: Array.isArray(entry.parameters) ? entry.parameters.length : undefined,
          },
        ]
      : [],
  );
}

function parameterCount(fn: ListedFunction): string {
  if (fn.parameters === undefined) return "no parameters array";
  return fn.parameters === 1 ? "1 parameter" : `${fn.parameters} parameters`;
}

/**
 * Every file names each function by its id, as Chinese Excel names its own functions in English: a
 * formula the add-in writes (SHONLINE.FORECAST) shows #NAME? where the display language uses a
 * localized name (github.com/OfficeDev/office-js/issues/891). A localized file takes the default
 * file's parameters, only their names and descriptions translated.
 */
function checkLocalizedNames(
  report: Report,
  file: string,
  listed: readonly ListedFunction[],
  base: readonly ListedFunction[] | undefined,
): void {
  for (const fn of listed.filter((f) => f.name !== undefined)) {
    report.check(
      fn.name === fn.id,
      () =>
        `functions metadata ${file} names the function ${fn.id} ${JSON.stringify(fn.name)}; its name must be its id, ` +
        "as formulas written by the add-in use it in every display language",
    );
  }
  if (!base) return;
  for (const fn of listed) {
    const original = base.find((f) => f.id === fn.id);
    if (!original) continue;
    report.check(
      original.parameters === fn.parameters,
      () =>
        `functions metadata ${file} gives ${fn.id} ${parameterCount(fn)}; the default file gives it ${parameterCount(original)}`,
    );
  }
}

/**
 * The metadata files to check: `jsonPath` for the manifest's Metadata URL DefaultValue, and for
 * each locale Override the file of that URL's name in the same folder (dist/functions.zh-CN.json).
 */
function metadataFiles(root: XmlElement, resources: Resource[], jsonPath: string): string[] {
  const files = [jsonPath];
  const metadata = descendants(
    root,
    (e) =>
      e.name === "SourceLocation" &&
      e.parent?.name === "Metadata" &&
      e.parent.parent?.attributes.type === "CustomFunctions",
  );
  for (const location of metadata) {
    const url = resources.find((r) => r.kind === "Url" && r.id === location.attributes.resid);
    for (const { locale, value } of url ? localizedValues(url.element) : []) {
      const name = parseUrl(value)?.pathname.split("/").pop();
      if (!locale || !name) continue;
      const file = join(dirname(jsonPath), decodeURIComponent(name));
      if (!files.includes(file) && name !== basename(jsonPath)) files.push(file);
    }
  }
  return files;
}

function checkFunctionsJson(
  report: Report,
  root: XmlElement,
  resources: Resource[],
  jsonPath: string,
  sourcePath: string | undefined,
): void {
  const sourceText = sourcePath === undefined ? undefined : report.read(sourcePath, "functions source");
  const sourceIds = sourceText === undefined ? undefined : customFunctionIds(sourceText, sourcePath);
  let base: ListedFunction[] | undefined;
  for (const file of metadataFiles(root, resources, jsonPath)) {
    const listed = listedFunctions(report, file);
    if (listed === undefined) continue;
    checkLocalizedNames(report, file, listed, file === jsonPath ? undefined : base);
    if (file === jsonPath) base = listed;
    const jsonIds = listed.map((fn) => fn.id);
    if (sourceIds === undefined) continue;
    const missing = sourceIds.filter((id) => !jsonIds.includes(id));
    const extra = jsonIds.filter((id) => !sourceIds.includes(id));
    report.check(
      missing.length === 0,
      () =>
        `functions metadata ${file} is missing ids of @customfunction functions in ${sourcePath}: ${missing.join(", ")}`,
    );
    report.check(
      extra.length === 0,
      () =>
        `functions metadata ${file} has ids with no @customfunction function in ${sourcePath}: ${extra.join(", ")}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

/** Runs every check and reports the problems found and how many checks ran. */
export function runManifestValidation(options: ValidateOptions): ValidationResult {
  const report = new Report();
  const result = (): ValidationResult => ({ problems: report.problems, checks: report.checks });
  const text = report.read(options.manifestPath, "manifest");
  if (text === undefined) return result();
  let root: XmlElement;
  try {
    root = parseManifest(text);
  } catch (err) {
    report.check(false, () => `manifest is not well-formed XML: ${firstLine(err)}`);
    return result();
  }
  if (!report.check(root.name === "OfficeApp", () => `root element is <${root.name}>; expected <OfficeApp>`))
    return result();

  const resources = collectResources(root);
  checkHostAndPermissions(report, root);
  checkResids(report, root, resources);
  checkUrls(report, root);
  checkIcons(report, root, resources, options.assetsDir ?? "assets");
  checkSharedRuntime(report, root, resources);
  checkAutoShowTaskpane(report, root);
  checkNamespace(report, root, resources);
  if (options.functionsJsonPath)
    checkFunctionsJson(report, root, resources, options.functionsJsonPath, options.functionsSourcePath);
  return result();
}

/** The problems found in the manifest; an empty list means it passed every check. */
export function validateManifest(options: ValidateOptions): string[] {
  return runManifestValidation(options).problems;
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

/** Exit code 0: all checks pass; 1: problems (one line each on stderr); 2: bad arguments. */
export function main(argv: string[] = process.argv.slice(2)): number {
  let options: ValidateOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`validate-manifest: ${firstLine(err)}\n`);
    return 2;
  }
  const { problems, checks } = runManifestValidation(options);
  for (const problem of problems) process.stderr.write(`${options.manifestPath}: ${problem}\n`);
  if (problems.length > 0) return 1;
  process.stdout.write(`manifest OK: ${checks} checks\n`);
  return 0;
}

if (require.main === module) process.exitCode = main();
