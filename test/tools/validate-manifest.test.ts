import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { encodePng } from "../../tools/icons/png";
import {
  customFunctionIds,
  main,
  parseArgs,
  runManifestValidation,
  validateManifest,
} from "../../tools/validate-manifest";

const ROOT = join(__dirname, "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const ASSETS = join(ROOT, "assets");
const FIXTURES = join(ROOT, "test", "fixtures");
const FUNCTIONS_SOURCE = join(FIXTURES, "functions", "functions.ts");
const FUNCTIONS_JSON = join(FIXTURES, "functions", "functions.json");
const FUNCTIONS_MISMATCH_JSON = join(FIXTURES, "functions", "functions-mismatch.json");
/** The zh-CN metadata the manifest names, found beside functions.json. */
const FUNCTIONS_ZH_JSON = join(FIXTURES, "functions", "functions.zh-CN.json");
const REAL = readFileSync(MANIFEST, "utf8");

/** A second page, for tests that point one user of the shared runtime elsewhere. */
const COMMANDS_URL = '<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>';
const DEFINE_COMMANDS_URL: [string, string] = ["<bt:Urls>", `<bt:Urls>\n        ${COMMANDS_URL}`];

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
): string[] {
  return validateManifest({ manifestPath, assetsDir: assets, ...extra });
}

function squarePng(size: number): Buffer {
  return encodePng(size, size, new Uint8Array(size * size * 4).fill(200));
}

/** Where `text` starts in the real manifest, counted from 1 as XML parsers do. */
function positionOf(text: string): { line: number; column: number } {
  const before = REAL.slice(0, REAL.indexOf(text)).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Cases that each break the real manifest by one replacement: [what, from, to, the problems reported]. */
function itReports(cases: [what: string, from: string, to: string, problems: string[]][]): void {
  it.each(cases)("reports %s", (_, from, to, problems) => {
    expect(problemsOf(variant([from, to]))).toEqual(problems);
  });
}

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
  it("passes the real manifest with the real assets", () => {
    const result = runManifestValidation({ manifestPath: MANIFEST, assetsDir: ASSETS });
    expect(result.problems).toEqual([]);
    expect(result.checks).toBeGreaterThan(50);
  });

  it("passes the real manifest with a functions.json that matches the source", () => {
    expect(
      problemsOf(MANIFEST, { functionsJsonPath: FUNCTIONS_JSON, functionsSourcePath: FUNCTIONS_SOURCE }),
    ).toEqual([]);
  });

  describe("parsing", () => {
    it("reports malformed XML once, naming the line", () => {
      expect(problemsOf(join(FIXTURES, "manifests", "malformed.xml"))).toEqual([
        "manifest is not well-formed XML: line 14, column 3: Expected closing tag 'Hosts' (opened in line 12, col 3) instead of closing tag 'Host'.",
      ]);
    });

    it("reports a bare & in the text of an element", () => {
      const { line, column } = positionOf("team</ProviderName>");
      const path = variant(["Tracker team</ProviderName>", "Tracker & team</ProviderName>"]);
      expect(problemsOf(path)).toEqual([
        `manifest is not well-formed XML: line ${line}, column ${column}: char '&' is not expected.`,
      ]);
    });

    it("reports a manifest cut short, naming its last line and the elements left open", () => {
      const kept = REAL.slice(0, REAL.indexOf("\n    <Resources>"));
      const path = variant([REAL.slice(kept.length), ""]);
      expect(problemsOf(path)).toEqual([
        `manifest is not well-formed XML: line ${kept.split("\n").length}: the file ends with <OfficeApp>, <VersionOverrides> still open`,
      ]);
    });

    it("reports a root element other than OfficeApp", () => {
      const path = variant(["<OfficeApp ", "<OfficeAddin "], ["</OfficeApp>", "</OfficeAddin>"]);
      expect(problemsOf(path)).toEqual(["root element is <OfficeAddin>; expected <OfficeApp>"]);
    });

    it("reports a manifest that cannot be read", () => {
      const path = join(tmp, "none.xml");
      expect(problemsOf(path)).toEqual([expect.stringMatching(/^manifest .*none\.xml does not exist$/)]);
    });
  });

  describe("host and permissions", () => {
    itReports([
      [
        "Permissions other than ReadWriteDocument",
        "<Permissions>ReadWriteDocument</Permissions>",
        "<Permissions>ReadDocument</Permissions>",
        ['Permissions is "ReadDocument"; expected exactly ReadWriteDocument'],
      ],
      [
        "Hosts without Workbook",
        '<Host Name="Workbook"/>',
        '<Host Name="Document"/>',
        ["Hosts does not contain Workbook (found: Document)"],
      ],
    ]);
  });

  describe("resources", () => {
    const scriptUrl =
      '<bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>';
    itReports([
      [
        "an undefined resid",
        '<Label resid="TrackerGroup.Label"/>',
        '<Label resid="TrackerGroup.Missing"/>',
        ['resid "TrackerGroup.Missing" (used by <Label> in <Group>) is not defined in Resources'],
      ],
      [
        "a resource id defined twice",
        scriptUrl,
        `${scriptUrl}\n        ${scriptUrl}`,
        ['resource id "Functions.Script.Url" is defined more than once'],
      ],
      [
        "a resid that refers to the wrong kind of resource",
        '<Label resid="TrackerGroup.Label"/>',
        '<Label resid="OpenTracker.Tooltip"/>',
        [
          'resid "OpenTracker.Tooltip" (used by <Label> in <Group>) is a bt:String in LongStrings; <Label> in <Group> needs a bt:String in ShortStrings',
        ],
      ],
    ]);
  });

  describe("URLs", () => {
    itReports([
      [
        "an http DefaultValue",
        '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
        '<IconUrl DefaultValue="http://localhost:3000/assets/icon-32.png"/>',
        ['IconUrl DefaultValue is not https: "http://localhost:3000/assets/icon-32.png"'],
      ],
      [
        "an http locale Override",
        'Value="https://localhost:3000/functions.zh-CN.json"',
        'Value="http://localhost:3000/functions.zh-CN.json"',
        [
          'bt:Url "Functions.Metadata.Url" zh-CN Override is not https: "http://localhost:3000/functions.zh-CN.json"',
        ],
      ],
      [
        "a relative URL",
        '<SupportUrl DefaultValue="https://localhost:3000/support.html"/>',
        '<SupportUrl DefaultValue="support.html"/>',
        ['SupportUrl DefaultValue is not https: "support.html"'],
      ],
    ]);
  });

  describe("icons", () => {
    it("reports a missing icon file", () => {
      unlinkSync(join(assets, "icon-80.png"));
      expect(problemsOf(MANIFEST)).toEqual([
        `icon file ${join(assets, "icon-80.png")} (bt:Image "Icon.80x80" DefaultValue) does not exist`,
      ]);
    });

    it("checks icons when the add-in is served under a path, as in a production build", () => {
      const path = variant(["https://localhost:3000/", "https://addin.example.org/tracker/"]);
      expect(problemsOf(path)).toEqual([]);
      unlinkSync(join(assets, "icon-16.png"));
      expect(problemsOf(path)).toEqual([
        `icon file ${join(assets, "icon-16.png")} (bt:Image "Icon.16x16" DefaultValue) does not exist`,
      ]);
    });

    it("reports an icon of the wrong pixel size wherever it is used", () => {
      writeFileSync(join(assets, "icon-32.png"), squarePng(16));
      const file = join(assets, "icon-32.png");
      expect(problemsOf(MANIFEST)).toEqual([
        `icon file ${file} (IconUrl DefaultValue) is 16x16; expected 32x32`,
        `icon file ${file} (bt:Image "Icon.32x32" DefaultValue) is 16x16; expected 32x32`,
      ]);
    });

    it("reports an IconUrl that is not 32 x 32 and a HighResolutionIconUrl that is not 64 x 64", () => {
      const path = variant([
        '/assets/icon-32.png"/>\n  <HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png',
        '/assets/icon-16.png"/>\n  <HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-80.png',
      ]);
      expect(problemsOf(path)).toEqual([
        `icon file ${join(assets, "icon-16.png")} (IconUrl DefaultValue) is 16x16; expected 32x32`,
        `icon file ${join(assets, "icon-80.png")} (HighResolutionIconUrl DefaultValue) is 80x80; expected 64x64`,
      ]);
    });

    it("reports an icon file that is not a PNG", () => {
      writeFileSync(join(assets, "icon-64.png"), "<svg/>");
      expect(problemsOf(MANIFEST)).toEqual([
        `icon file ${join(assets, "icon-64.png")} (HighResolutionIconUrl DefaultValue): not a PNG file: the PNG signature is missing`,
      ]);
    });

    it("reports a bt:Image shown at a size its file does not have", () => {
      const path = variant([
        '<bt:Image size="80" resid="Icon.80x80"/>\n                  </Icon>',
        '<bt:Image size="64" resid="Icon.80x80"/>\n                  </Icon>',
      ]);
      expect(problemsOf(path)).toEqual([
        `icon file ${join(assets, "icon-80.png")} (bt:Image "Icon.80x80" DefaultValue) is 80x80; expected 64x64`,
        'the <Icon> of <Control id="ShOnline.OpenTracker"> has no bt:Image of size 80',
      ]);
    });

    it("reports a ribbon <Icon> without one of the sizes 16, 32 and 80", () => {
      // Only the group's icon: the button's images are indented further.
      const path = variant(['\n                  <bt:Image size="16" resid="Icon.16x16"/>', ""]);
      expect(problemsOf(path)).toEqual([
        'the <Icon> of <Group id="ShOnline.TrackerGroup"> has no bt:Image of size 16',
      ]);
    });

    it("reports a missing or wrong-size store icon", () => {
      const store = join(assets, "icon-128.png");
      writeFileSync(store, squarePng(100));
      expect(problemsOf(MANIFEST)).toEqual([`icon file ${store} (store icon) is 100x100; expected 128x128`]);
      unlinkSync(store);
      expect(problemsOf(MANIFEST)).toEqual([`icon file ${store} (store icon) does not exist`]);
    });
  });

  describe("shared runtime", () => {
    const runtime = '<Runtime resid="Taskpane.Url" lifetime="long"/>';
    it.each([
      ["<Runtime>", runtime, `${runtime}<Runtime resid="Commands.Url" lifetime="long"/>`],
      [
        "the CustomFunctions <Page>",
        '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
        '<Page><SourceLocation resid="Commands.Url"/>',
      ],
      ["<FunctionFile>", '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'],
      [
        "the ShowTaskpane <Action>",
        '</TaskpaneId>\n                    <SourceLocation resid="Taskpane.Url"/>',
        '</TaskpaneId><SourceLocation resid="Commands.Url"/>',
      ],
    ])("reports %s with a resid other than the shared runtime's", (role, from, to) => {
      const path = variant([from, to], DEFINE_COMMANDS_URL);
      expect(problemsOf(path)).toEqual([
        `${role} has resid "Commands.Url"; it must use the shared runtime's resid "Taskpane.Url"`,
      ]);
    });

    itReports([
      [
        "a missing FunctionFile",
        '\n          <FunctionFile resid="Taskpane.Url"/>',
        "",
        ['<FunctionFile> is missing: it must use the shared runtime\'s resid "Taskpane.Url"'],
      ],
      [
        "a CustomFunctions Page without its SourceLocation",
        '<Page>\n              <SourceLocation resid="Taskpane.Url"/>\n            </Page>',
        "<Page></Page>",
        ['the CustomFunctions <Page> is missing: it must use the shared runtime\'s resid "Taskpane.Url"'],
      ],
      [
        "a ShowTaskpane Action without its SourceLocation",
        '</TaskpaneId>\n                    <SourceLocation resid="Taskpane.Url"/>',
        "</TaskpaneId>",
        ['the ShowTaskpane <Action> is missing: it must use the shared runtime\'s resid "Taskpane.Url"'],
      ],
      [
        "a missing Runtime",
        `<Runtimes>\n          ${runtime}\n        </Runtimes>`,
        "",
        ['no <Runtime>: a shared runtime needs <Runtimes><Runtime resid="..." lifetime="long"/></Runtimes>'],
      ],
      [
        "a missing SharedRuntime requirement",
        '<Set Name="SharedRuntime" MinVersion="1.1"/>',
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
        [
          'Requirements do not include the SharedRuntime requirement set (<Set Name="SharedRuntime" MinVersion="1.1"/>)',
        ],
      ],
      [
        "a runtime that is not long-lived",
        'lifetime="long"',
        'lifetime="short"',
        ['<Runtime resid="Taskpane.Url"> must have lifetime="long"'],
      ],
      [
        "a task pane default page that is not the runtime page (and, when http, not https)",
        '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SourceLocation DefaultValue="http://localhost:3000/taskpane.html"/>',
        [
          'DefaultSettings SourceLocation DefaultValue is not https: "http://localhost:3000/taskpane.html"',
          'DefaultSettings SourceLocation "http://localhost:3000/taskpane.html" differs from the shared runtime URL "https://localhost:3000/taskpane.html" (Taskpane.Url)',
        ],
      ],
    ]);
  });

  describe("task pane opened with the document", () => {
    const autoShow = "<TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId>";
    const action = '<Action xsi:type="ShowTaskpane">';
    /** A second button in the group, opening the same page, with the given TaskpaneId. */
    const secondButton = (id: string) =>
      `</Control>
                <Control xsi:type="Button" id="ShOnline.Second">
                  <Label resid="OpenTracker.Label"/>
                  <Supertip><Title resid="OpenTracker.Title"/><Description resid="OpenTracker.Tooltip"/></Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Icon.16x16"/>
                    <bt:Image size="32" resid="Icon.32x32"/>
                    <bt:Image size="80" resid="Icon.80x80"/>
                  </Icon>
                  ${action}<TaskpaneId>${id}</TaskpaneId><SourceLocation resid="Taskpane.Url"/></Action>
                </Control>`;

    it("the real manifest's button has the TaskpaneId Excel opens with the document", () => {
      expect(REAL).toContain(`${action}\n                    ${autoShow}`);
    });

    itReports([
      [
        "a ShowTaskpane action with an id of its own (the document setting then opens nothing)",
        autoShow,
        "<TaskpaneId>ShOnline.TrackerPane</TaskpaneId>",
        [
          'no ShowTaskpane <Action> has <TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId> (found: "ShOnline.TrackerPane"); without it the document setting Office.AutoShowTaskpaneWithDocument opens no pane',
        ],
      ],
      [
        "a ShowTaskpane action without a TaskpaneId",
        `${autoShow}\n`,
        "",
        [
          "no ShowTaskpane <Action> has <TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId> (found: none); without it the document setting Office.AutoShowTaskpaneWithDocument opens no pane",
        ],
      ],
      [
        "the id on two ShowTaskpane actions (Office opens only the first)",
        "</Control>",
        secondButton("Office.AutoShowTaskpaneWithDocument"),
        [
          "2 ShowTaskpane <Action>s have the TaskpaneId Office.AutoShowTaskpaneWithDocument; Office opens only the first",
        ],
      ],
    ]);

    it("accepts a second pane with an id of its own beside the one that opens with the document", () => {
      expect(problemsOf(variant(["</Control>", secondButton("ShOnline.OtherPane")]))).toEqual([]);
    });
  });

  describe("custom functions", () => {
    itReports([
      [
        "a namespace that changes with the locale",
        '<bt:Override Locale="zh-CN" Value="SHONLINE"/>',
        '<bt:Override Locale="zh-CN" Value="上海"/>',
        [
          'custom functions Namespace differs in locale zh-CN ("上海" instead of "SHONLINE"); it must be the same in every locale',
        ],
      ],
    ]);

    it("reports functions.json ids that do not match the @customfunction functions of the source", () => {
      expect(
        problemsOf(MANIFEST, {
          functionsJsonPath: FUNCTIONS_MISMATCH_JSON,
          functionsSourcePath: FUNCTIONS_SOURCE,
        }),
      ).toEqual([
        `functions metadata ${FUNCTIONS_MISMATCH_JSON} is missing ids of @customfunction functions in ${FUNCTIONS_SOURCE}: TIMES`,
        `functions metadata ${FUNCTIONS_MISMATCH_JSON} has ids with no @customfunction function in ${FUNCTIONS_SOURCE}: DIVIDE`,
        // The zh-CN file beside it is held to it too: its ADD has the source's two parameters.
        `functions metadata ${FUNCTIONS_ZH_JSON} gives ADD 2 parameters; the default file gives it 0 parameters`,
      ]);
    });

    it("reports a localized function name, and a localized file whose parameters differ", () => {
      const json = join(tmp, "functions.json");
      cpSync(FUNCTIONS_JSON, json);
      const zh = join(tmp, "functions.zh-CN.json");
      const localized = JSON.parse(readFileSync(FUNCTIONS_ZH_JSON, "utf8"));
      localized.functions[0].name = "加法运算";
      localized.functions[1].parameters.pop();
      writeFileSync(zh, JSON.stringify(localized));
      expect(
        problemsOf(MANIFEST, { functionsJsonPath: json, functionsSourcePath: FUNCTIONS_SOURCE }),
      ).toEqual([
        `functions metadata ${zh} names the function ADD "加法运算"; its name must be its id, as formulas written by the add-in use it in every display language`,
        `functions metadata ${zh} gives TIMES 1 parameter; the default file gives it 2 parameters`,
      ]);
      const english = JSON.parse(readFileSync(FUNCTIONS_JSON, "utf8"));
      english.functions[1].name = "MULTIPLY";
      writeFileSync(json, JSON.stringify(english));
      cpSync(FUNCTIONS_ZH_JSON, zh);
      expect(problemsOf(MANIFEST, { functionsJsonPath: json })).toEqual([
        `functions metadata ${json} names the function TIMES "MULTIPLY"; its name must be its id, as formulas written by the add-in use it in every display language`,
      ]);
    });

    /** A valid zh-CN metadata file beside a functions.json the test writes into tmp. */
    function zhBeside(): string {
      const zh = join(tmp, "functions.zh-CN.json");
      cpSync(FUNCTIONS_ZH_JSON, zh);
      return zh;
    }

    it.each([
      ["missing", undefined, /^functions metadata .*functions\.json does not exist$/],
      ["not JSON", "{ functions: ", /^functions metadata .*functions\.json is not valid JSON: /],
      [
        "without a functions array",
        '{"fns": []}',
        /^functions metadata .*functions\.json has no "functions" array$/,
      ],
      [
        "with an entry without an id",
        '{"allowErrorForDataTypeAny": true, "functions": [{"name": "X"}]}',
        /^functions metadata .*functions\.json has an entry without an id$/,
      ],
      [
        "listing an id twice",
        '{"allowErrorForDataTypeAny": true, "functions": [{"id": "MET"}, {"id": "MET"}]}',
        /^functions metadata .*functions\.json lists the id MET twice$/,
      ],
      [
        "without allowErrorForDataTypeAny",
        '{"functions": [{"id": "MET"}]}',
        /^functions metadata .*functions\.json does not set "allowErrorForDataTypeAny": true at its top level \(found: none\); without it Excel does not call a function whose argument holds an error$/,
      ],
      [
        "with allowErrorForDataTypeAny other than true",
        '{"allowErrorForDataTypeAny": "true", "functions": [{"id": "MET"}]}',
        /^functions metadata .*functions\.json does not set "allowErrorForDataTypeAny": true at its top level \(found: "true"\)/,
      ],
      [
        "with allowErrorForDataTypeAny inside a function rather than at the top",
        '{"functions": [{"id": "MET", "allowErrorForDataTypeAny": true}]}',
        /^functions metadata .*functions\.json does not set "allowErrorForDataTypeAny": true at its top level/,
      ],
    ])("reports a functions.json that is %s", (_, content, problem) => {
      const json = join(tmp, "functions.json");
      if (content !== undefined) writeFileSync(json, content);
      zhBeside();
      expect(problemsOf(MANIFEST, { functionsJsonPath: json })).toEqual([expect.stringMatching(problem)]);
    });

    it("checks the zh-CN metadata file the manifest names, beside functions.json", () => {
      const json = join(tmp, "functions.json");
      cpSync(FUNCTIONS_JSON, json);
      const zh = join(tmp, "functions.zh-CN.json");
      const extra = { functionsJsonPath: json, functionsSourcePath: FUNCTIONS_SOURCE };
      expect(problemsOf(MANIFEST, extra)).toEqual([`functions metadata ${zh} does not exist`]);

      const { allowErrorForDataTypeAny, ...withoutProperty } = JSON.parse(
        readFileSync(FUNCTIONS_ZH_JSON, "utf8"),
      );
      expect(allowErrorForDataTypeAny).toBe(true);
      writeFileSync(zh, JSON.stringify(withoutProperty));
      expect(problemsOf(MANIFEST, extra)).toEqual([
        `functions metadata ${zh} does not set "allowErrorForDataTypeAny": true at its top level (found: none); without it Excel does not call a function whose argument holds an error`,
      ]);

      // A stale translation: its ids are held to the source as well.
      writeFileSync(
        zh,
        JSON.stringify({ ...withoutProperty, allowErrorForDataTypeAny: true, functions: [] }),
      );
      expect(problemsOf(MANIFEST, extra)).toEqual([
        `functions metadata ${zh} is missing ids of @customfunction functions in ${FUNCTIONS_SOURCE}: ADD, TIMES`,
      ]);
    });

    it("finds the localized file by the name in the manifest's Override, as a production build serves it", () => {
      const path = variant(
        ["https://localhost:3000/", "https://addin.example.org/tracker/"],
        ["/functions.zh-CN.json", "/functions.chinese.json"],
      );
      const json = join(tmp, "functions.json");
      cpSync(FUNCTIONS_JSON, json);
      zhBeside();
      expect(problemsOf(path, { functionsJsonPath: json })).toEqual([
        `functions metadata ${join(tmp, "functions.chinese.json")} does not exist`,
      ]);
    });

    it("reports a functions.json that exists but cannot be read", () => {
      // A folder exists but cannot be read as a file.
      const folder = join(tmp, "functions.json");
      mkdirSync(folder);
      zhBeside();
      expect(problemsOf(MANIFEST, { functionsJsonPath: folder })).toEqual([
        expect.stringMatching(/^functions metadata .* cannot be read: EISDIR/),
      ]);
    });

    it("reports a functions source that cannot be read", () => {
      const source = join(tmp, "functions.ts");
      expect(
        problemsOf(MANIFEST, { functionsJsonPath: FUNCTIONS_JSON, functionsSourcePath: source }),
      ).toEqual([expect.stringMatching(/^functions source .*functions\.ts does not exist$/)]);
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

  it("prints one OK line with the number of checks and exits 0", () => {
    expect(
      main([MANIFEST, "--assets", ASSETS, "--functions", FUNCTIONS_JSON, "--source", FUNCTIONS_SOURCE]),
    ).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([expect.stringMatching(/^manifest OK: \d+ checks\n$/)]);
  });

  it("prints each problem on stderr and exits 1", () => {
    const path = variant(
      ["<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Restricted</Permissions>"],
      ['<Host Name="Workbook"/>', '<Host Name="Document"/>'],
    );
    expect(main([path, "--assets", assets])).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `${path}: Hosts does not contain Workbook (found: Document)\n`,
      `${path}: Permissions is "Restricted"; expected exactly ReadWriteDocument\n`,
    ]);
  });

  it("prints one usage line and exits 2 on bad arguments", () => {
    expect(main(["--colour"])).toBe(2);
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
