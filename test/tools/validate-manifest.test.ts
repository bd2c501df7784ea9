import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { encodePng } from "../../tools/icons/png";
import {
  customFunctionIds,
  main,
  parseArgs,
  parseXml,
  runManifestValidation,
  validateManifest,
  XmlSyntaxError,
} from "../../tools/validate-manifest";

const ROOT = join(__dirname, "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const ASSETS = join(ROOT, "assets");
const FIXTURES = join(ROOT, "test", "fixtures");
const FUNCTIONS_SOURCE = join(FIXTURES, "functions", "functions.ts");
const FUNCTIONS_JSON = join(FIXTURES, "functions", "functions.json");
const FUNCTIONS_MISMATCH_JSON = join(FIXTURES, "functions", "functions-mismatch.json");
const REAL = readFileSync(MANIFEST, "utf8");

let tmp: string;
let assets: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "validate-manifest-"));
  assets = join(tmp, "assets");
  cpSync(ASSETS, assets, { recursive: true });
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes the real manifest with each `from` replaced by `to` (every `from` must occur). */
function variant(...replacements: [string, string][]): string {
  let text = REAL;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`test setup: manifest.xml does not contain ${from}`);
    text = text.split(from).join(to);
  }
  const path = join(tmp, "manifest.xml");
  writeFileSync(path, text);
  return path;
}

function problemsOf(
  manifestPath: string,
  extra: { functionsJsonPath?: string; functionsSourcePath?: string } = {},
): Promise<string[]> {
  return validateManifest({ manifestPath, assetsDir: assets, ...extra });
}

function squarePng(size: number): Buffer {
  return encodePng(size, size, new Uint8Array(size * size * 4).fill(200));
}

describe("parseXml", () => {
  it("builds a tree with attributes, decoded entities, CDATA and comments skipped", () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&#x41;&#66;\'><b:c z="&lt;&quot;"/>t&gt;<![CDATA[<raw>]]><d></d></a>\n',
    );
    expect(root.name).toBe("a");
    expect(root.attributes).toEqual({ x: "1 & 2", y: "AB" });
    expect(root.children.map((c) => c.name)).toEqual(["b:c", "d"]);
    expect(root.children[0]!.attributes.z).toBe('<"');
    expect(root.text).toBe("t><raw>");
    expect(root.children[1]!.parent).toBe(root);
  });

  it.each([
    ["<a><b></a>", "line 1, column 7: closing tag </a> does not match <b> (opened at line 1)"],
    ["<a>\n<b>", "<b> (opened at line 2) is never closed"],
    ["<a>fish & chips</a>", 'line 1, column 9: "&" must start an entity such as &amp;'],
    ['<a x="1" x="2"/>', "duplicate attribute x on <a>"],
    ["<a>&nbsp;</a>", "unknown entity &nbsp;"],
    ["<a/><b/>", "content after the root element"],
    ["<a/>tail", "text after the root element"],
    ['<a x="1"y="2"/>', "expected whitespace before the next attribute of <a>"],
    ["<a x=1/>", "the value of attribute x must be quoted"],
    ['<a x="<"/>', '"<" is not allowed in the value of attribute x'],
    ["<!DOCTYPE a><a/>", "DOCTYPE and other markup declarations are not allowed"],
    ['<a/><?xml version="1.0"?>', "the XML declaration must come first"],
    ["<a><!-- open", "unterminated comment"],
    ["   ", "the file has no root element"],
  ])("rejects %j", (source, message) => {
    expect(() => parseXml(source)).toThrow(XmlSyntaxError);
    expect(() => parseXml(source)).toThrow(message);
  });
});

describe("customFunctionIds", () => {
  it("collects exported @customfunction functions: the tag's id, else the upper-cased name", () => {
    expect(customFunctionIds(readFileSync(FUNCTIONS_SOURCE, "utf8"))).toEqual(["ADD", "TIMES"]);
  });

  it("handles async functions and a case-insensitive tag", () => {
    const source =
      "/** @CustomFunction */\nexport async function later(): Promise<number> { return 1; }\n/** @customfunction abc */ export function f() {}";
    expect(customFunctionIds(source)).toEqual(["LATER", "ABC"]);
  });
});

describe("validateManifest", () => {
  it("passes the real manifest with the real assets", async () => {
    const result = await runManifestValidation({ manifestPath: MANIFEST, assetsDir: ASSETS });
    expect(result.problems).toEqual([]);
    expect(result.checks).toBeGreaterThan(100);
  });

  it("passes the real manifest with a functions.json that matches the source", async () => {
    expect(
      await problemsOf(MANIFEST, {
        functionsJsonPath: FUNCTIONS_JSON,
        functionsSourcePath: FUNCTIONS_SOURCE,
      }),
    ).toEqual([]);
  });

  describe("1. parsing and required fields", () => {
    it("reports malformed XML from both parsers", async () => {
      const problems = await problemsOf(join(FIXTURES, "manifests", "malformed.xml"));
      expect(problems).toContain(
        "manifest is not well-formed XML: line 14, column 3: closing tag </Host> does not match <Hosts> (opened at line 12)",
      );
      expect(problems).toEqual([
        expect.any(String),
        expect.stringMatching(/^office-addin-manifest cannot read the manifest: /),
      ]);
    });

    it("reports Permissions other than ReadWriteDocument", async () => {
      const path = variant([
        "<Permissions>ReadWriteDocument</Permissions>",
        "<Permissions>ReadDocument</Permissions>",
      ]);
      expect(await problemsOf(path)).toEqual([
        'Permissions is "ReadDocument"; expected exactly ReadWriteDocument',
      ]);
    });

    it("reports an Id that is not a GUID", async () => {
      const path = variant(["<Id>0cee1f93-d403-4d66-ad81-c5a629e051a2</Id>", "<Id>tracker-1</Id>"]);
      expect(await problemsOf(path)).toEqual(['Id "tracker-1" is not a GUID']);
    });

    it("reports a missing required field and a bad Version", async () => {
      const path = variant(
        ["<ProviderName>Shanghai Online Economy Tracker team</ProviderName>", ""],
        ["<Version>1.0.0.0</Version>", "<Version>one</Version>"],
      );
      expect(await problemsOf(path)).toEqual([
        "required element <ProviderName> is missing or empty",
        'Version "one" is not of the form n.n.n.n',
      ]);
    });

    it("reports Hosts without Workbook", async () => {
      const path = variant(['<Host Name="Workbook"/>', '<Host Name="Document"/>']);
      expect(await problemsOf(path)).toEqual(["Hosts does not contain Workbook (found: Document)"]);
    });

    it("reports a DisplayName over 125 characters", async () => {
      const path = variant([
        '<DisplayName DefaultValue="Shanghai Online Economy Tracker">',
        `<DisplayName DefaultValue="${"x".repeat(126)}">`,
      ]);
      expect(await problemsOf(path)).toEqual([
        "DisplayName DefaultValue is 126 characters long; the limit is 125",
      ]);
    });
  });

  describe("2. resources", () => {
    it("reports an undefined resid", async () => {
      const path = variant(['<Label resid="TrackerGroup.Label"/>', '<Label resid="TrackerGroup.Missing"/>']);
      expect(await problemsOf(path)).toEqual([
        'resid "TrackerGroup.Missing" (used by <Label> in <Group>) is not defined in Resources',
      ]);
    });

    it("reports a resource id defined twice", async () => {
      const line = '<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>';
      const path = variant([line, `${line}\n        ${line}`]);
      expect(await problemsOf(path)).toEqual([
        'resource id "Functions.Script.Url" is defined 2 times in Resources',
      ]);
    });

    it("reports a resid longer than 32 characters", async () => {
      const long = "Functions.Metadata.Url.For.Excel.Online";
      const path = variant(['"Functions.Metadata.Url"', `"${long}"`]);
      expect(await problemsOf(path)).toEqual([
        `resource id "${long}" is ${long.length} characters long; the limit is 32`,
      ]);
    });

    it("reports a resid that refers to the wrong kind of resource", async () => {
      const path = variant(['<Label resid="TrackerGroup.Label"/>', '<Label resid="OpenTracker.Tooltip"/>']);
      expect(await problemsOf(path)).toEqual([
        'resid "OpenTracker.Tooltip" (used by <Label> in <Group>) is a bt:String in LongStrings; <Label> in <Group> needs a bt:String in ShortStrings',
      ]);
    });

    it("reports a short string over 125 characters, in any locale", async () => {
      const path = variant([
        '<bt:Override Locale="zh-CN" Value="目标跟踪"/>',
        `<bt:Override Locale="zh-CN" Value="${"目".repeat(130)}"/>`,
      ]);
      expect(await problemsOf(path)).toEqual([
        'bt:String in ShortStrings "OpenTracker.Label" zh-CN Override is 130 characters long; the limit is 125',
      ]);
    });
  });

  describe("3. URLs", () => {
    it("reports an http URL", async () => {
      const path = variant([
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
        '<IconUrl DefaultValue="http://localhost:3000/assets/icon-32.png"/>',
      ]);
      expect(await problemsOf(path)).toEqual([
        'IconUrl DefaultValue is not https: "http://localhost:3000/assets/icon-32.png"',
      ]);
    });

    it("reports an http URL in a localized override", async () => {
      const path = variant([
        'Value="https://localhost:3000/functions.zh-CN.json"',
        'Value="http://localhost:3000/functions.zh-CN.json"',
      ]);
      expect(await problemsOf(path)).toEqual([
        'bt:Url "Functions.Metadata.Url" zh-CN Override is not https: "http://localhost:3000/functions.zh-CN.json"',
      ]);
    });

    it("reports a URL that is not absolute", async () => {
      const path = variant([
        '<SupportUrl DefaultValue="https://localhost:3000/support.html"/>',
        '<SupportUrl DefaultValue="support.html"/>',
      ]);
      const problems = await problemsOf(path);
      expect(problems).toContain('SupportUrl DefaultValue is not an absolute URL: "support.html"');
    });
  });

  describe("4. icons", () => {
    it("reports a missing icon file", async () => {
      unlinkSync(join(assets, "icon-80.png"));
      expect(await problemsOf(MANIFEST)).toEqual([
        `icon file ${join(assets, "icon-80.png")} (bt:Image "Icon.80x80" DefaultValue) does not exist`,
      ]);
    });

    it("checks icons when the add-in is served under a path, as in a production build", async () => {
      const path = variant(["https://localhost:3000/", "https://addin.example.org/tracker/"]);
      expect(await problemsOf(path)).toEqual([]);
      unlinkSync(join(assets, "icon-16.png"));
      expect(await problemsOf(path)).toEqual([
        `icon file ${join(assets, "icon-16.png")} (bt:Image "Icon.16x16" DefaultValue) does not exist`,
      ]);
    });

    it("reports an icon of the wrong pixel size", async () => {
      writeFileSync(join(assets, "icon-32.png"), squarePng(16));
      const file = join(assets, "icon-32.png");
      expect(await problemsOf(MANIFEST)).toEqual([
        `icon file ${file} is 16x16; expected 32x32 (declared by IconUrl, the file name icon-32.png)`,
        `icon file ${file} is 16x16; expected 32x32 (declared by the id of bt:Image "Icon.32x32", size="32" where bt:Image "Icon.32x32" is used, the file name icon-32.png)`,
      ]);
    });

    it("reports an IconUrl that is not 32 x 32 and a HighResolutionIconUrl that is not 64 x 64", async () => {
      const path = variant([
        '/assets/icon-32.png"/>\n  <HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png',
        '/assets/icon-16.png"/>\n  <HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-80.png',
      ]);
      expect(await problemsOf(path)).toEqual([
        `icon file ${join(assets, "icon-16.png")} is 16x16; expected 32x32 (declared by IconUrl)`,
        `icon file ${join(assets, "icon-80.png")} is 80x80; expected 64x64 (declared by HighResolutionIconUrl)`,
      ]);
    });

    it("reports an icon file that is not a PNG", async () => {
      writeFileSync(join(assets, "icon-64.png"), "<svg/>");
      expect(await problemsOf(MANIFEST)).toEqual([
        `icon file ${join(assets, "icon-64.png")} (HighResolutionIconUrl DefaultValue) is not a PNG: not a PNG file: the PNG signature is missing`,
      ]);
    });

    it("reports a bt:Image used at a size its id does not declare", async () => {
      const path = variant([
        '<bt:Image size="80" resid="Icon.80x80"/>\n                  </Icon>',
        '<bt:Image size="64" resid="Icon.80x80"/>\n                  </Icon>',
      ]);
      expect(await problemsOf(path)).toEqual([
        'bt:Image "Icon.80x80" is declared at different sizes: 80 by the id of bt:Image "Icon.80x80"; 80 by size="80" where bt:Image "Icon.80x80" is used; 64 by size="64" where bt:Image "Icon.80x80" is used',
        `icon file ${join(assets, "icon-80.png")} is 80x80; expected 64x64 (declared by size="64" where bt:Image "Icon.80x80" is used)`,
        'the <Icon> of <Control id="ShOnline.OpenTracker"> has no bt:Image of size 80',
      ]);
    });

    it("reports a missing or wrong-size store icon", async () => {
      const store = join(assets, "icon-128.png");
      writeFileSync(store, squarePng(100));
      expect(await problemsOf(MANIFEST)).toEqual([`store icon ${store} is 100x100; expected 128x128`]);
      unlinkSync(store);
      expect(await problemsOf(MANIFEST)).toEqual([`store icon ${store} does not exist`]);
    });
  });

  describe("5. shared runtime", () => {
    it("reports runtime resids that differ", async () => {
      const path = variant(
        ['<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'],
        [
          "<bt:Urls>",
          '<bt:Urls>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>',
        ],
      );
      expect(await problemsOf(path)).toEqual([
        "shared runtime resids differ: Runtime=Taskpane.Url, CustomFunctions Page=Taskpane.Url, FunctionFile=Commands.Url, ShowTaskpane SourceLocation=Taskpane.Url; all must use the same resid",
      ]);
    });

    it("reports a missing SharedRuntime requirement", async () => {
      const path = variant([
        '<Set Name="SharedRuntime" MinVersion="1.1"/>',
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
      ]);
      expect(await problemsOf(path)).toEqual([
        'Requirements do not include the SharedRuntime requirement set (<Set Name="SharedRuntime" MinVersion="1.1"/>)',
      ]);
    });

    it("reports a runtime that is not long-lived", async () => {
      const path = variant(['lifetime="long"', 'lifetime="short"']);
      expect(await problemsOf(path)).toEqual(['<Runtime resid="Taskpane.Url"> must have lifetime="long"']);
    });

    it("reports a task pane default page that is not the runtime page", async () => {
      const path = variant([
        '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SourceLocation DefaultValue="https://localhost:3000/other.html"/>',
      ]);
      expect(await problemsOf(path)).toEqual([
        'DefaultSettings SourceLocation "https://localhost:3000/other.html" differs from the shared runtime URL "https://localhost:3000/taskpane.html" (Taskpane.Url)',
      ]);
    });
  });

  describe("6. custom functions", () => {
    it("reports functions.json ids that do not match the @customfunction functions of the source", async () => {
      expect(
        await problemsOf(MANIFEST, {
          functionsJsonPath: FUNCTIONS_MISMATCH_JSON,
          functionsSourcePath: FUNCTIONS_SOURCE,
        }),
      ).toEqual([
        `functions metadata ${FUNCTIONS_MISMATCH_JSON} is missing ids of @customfunction functions in ${FUNCTIONS_SOURCE}: TIMES`,
        `functions metadata ${FUNCTIONS_MISMATCH_JSON} has ids with no @customfunction function in ${FUNCTIONS_SOURCE}: DIVIDE`,
      ]);
    });

    it("reports a functions.json that is missing, unreadable or has duplicate ids", async () => {
      const missing = join(tmp, "nope.json");
      expect(await problemsOf(MANIFEST, { functionsJsonPath: missing })).toEqual([
        `functions metadata ${missing} does not exist`,
      ]);
      const broken = join(tmp, "broken.json");
      writeFileSync(broken, "{ functions: ");
      expect(await problemsOf(MANIFEST, { functionsJsonPath: broken })).toEqual([
        expect.stringMatching(/^functions metadata .*broken\.json is not valid JSON: /),
      ]);
      const noArray = join(tmp, "no-array.json");
      writeFileSync(noArray, '{"fns": []}');
      expect(await problemsOf(MANIFEST, { functionsJsonPath: noArray })).toEqual([
        `functions metadata ${noArray} has no "functions" array`,
      ]);
      const twice = join(tmp, "twice.json");
      writeFileSync(twice, '{"functions": [{"id": "ADD"}, {"id": "ADD"}, {"id": "TIMES"}]}');
      expect(
        await problemsOf(MANIFEST, { functionsJsonPath: twice, functionsSourcePath: FUNCTIONS_SOURCE }),
      ).toEqual([`functions metadata ${twice} lists id ADD 2 times`]);
    });

    it("reports an incomplete CustomFunctions extension point", async () => {
      const path = variant([
        '<Metadata>\n              <SourceLocation resid="Functions.Metadata.Url"/>\n            </Metadata>',
        "",
      ]);
      expect(await problemsOf(path)).toEqual([
        'CustomFunctions extension point lacks <Metadata><SourceLocation resid="..."/></Metadata>',
      ]);
    });

    it("reports a namespace that changes with the locale", async () => {
      const path = variant([
        '<bt:Override Locale="zh-CN" Value="SHONLINE"/>',
        '<bt:Override Locale="zh-CN" Value="上海"/>',
      ]);
      expect(await problemsOf(path)).toEqual([
        'custom functions Namespace differs in locale zh-CN ("上海" instead of "SHONLINE"); it must be the same in every locale',
      ]);
    });
  });
});

describe("main", () => {
  let out: string[];
  let err: string[];

  beforeEach(() => {
    out = [];
    err = [];
    jest
      .spyOn(process.stdout, "write")
      .mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
    jest
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("prints one OK line with the number of checks and exits 0", async () => {
    expect(
      await main([MANIFEST, "--assets", ASSETS, "--functions", FUNCTIONS_JSON, "--source", FUNCTIONS_SOURCE]),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([expect.stringMatching(/^manifest OK: \d+ checks\n$/)]);
  });

  it("prints each problem on stderr and exits 1", async () => {
    const path = variant([
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>Restricted</Permissions>",
    ]);
    expect(await main([path, "--assets", assets])).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`${path}: Permissions is "Restricted"; expected exactly ReadWriteDocument\n`]);
  });

  it("prints one usage line and exits 2 on bad arguments", async () => {
    expect(await main(["--colour"])).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^validate-manifest: unknown option --colour; usage: /);
  });

  it("parses arguments", () => {
    expect(parseArgs([])).toEqual({ manifestPath: "manifest.xml" });
    expect(parseArgs(["m.xml", "--assets", "a", "--functions", "f.json", "--source", "f.ts"])).toEqual({
      manifestPath: "m.xml",
      assetsDir: "a",
      functionsJsonPath: "f.json",
      functionsSourcePath: "f.ts",
    });
    expect(() => parseArgs(["--functions"])).toThrow("--functions needs a path");
    expect(() => parseArgs(["a.xml", "b.xml"])).toThrow("more than one manifest given");
    expect(() => parseArgs(["--source", "f.ts"])).toThrow("--source needs --functions");
  });
});
