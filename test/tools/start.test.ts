import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  executePlan,
  MAC_WEF_FOLDER,
  readManifestInfo,
  sideloadPlan,
  WINDOWS_DEVELOPER_KEY,
  webSideloadSteps,
} from "../../tools/start";

const ID = "11111111-2222-4333-8444-555555555555";
const MANIFEST = { id: ID, buttonLabel: "Target Tracker" };

const FIXTURE = `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1">
  <Id>${ID}</Id>
  <DisplayName DefaultValue="Tracker &amp; Co"/>
  <VersionOverrides>
    <Group id="G"><Label resid="Group.Label"/>
      <Control xsi:type="Button" id="B"><Label resid="Button.Label"/></Control>
    </Group>
    <bt:String id="Group.Label" DefaultValue="Online Economy"/>
    <bt:String id="Button.Label" DefaultValue="Target Tracker"/>
  </VersionOverrides>
</OfficeApp>`;

describe("readManifestInfo", () => {
  test("reads the Id and the label of the button, not of its group", () => {
    expect(readManifestInfo(FIXTURE)).toEqual({ id: ID, buttonLabel: "Target Tracker" });
  });

  test("falls back to the display name when there is no button", () => {
    const noButton = FIXTURE.replace(/<Control[\s\S]*?<\/Control>/, "");
    expect(readManifestInfo(noButton)).toEqual({ id: ID, buttonLabel: "Tracker & Co" });
  });

  test("rejects a manifest without an Id", () => {
    expect(() => readManifestInfo(FIXTURE.replace(/<Id>.*<\/Id>/, ""))).toThrow("no <Id>");
  });

  test("reads the project's manifest", () => {
    const info = readManifestInfo(readFileSync(join(__dirname, "../../manifest.xml"), "utf8"));
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.buttonLabel.length).toBeGreaterThan(0);
  });
});

describe("sideloadPlan", () => {
  test("win32: writes the developer registry value, then opens Excel", () => {
    const manifestPath = "C:\\dev\\tracker\\manifest.xml";
    const plan = sideloadPlan("win32", manifestPath, "C:\\Users\\dev", MANIFEST);
    expect(plan.commands).toEqual([
      {
        command: "reg",
        args: ["add", WINDOWS_DEVELOPER_KEY, "/v", ID, "/t", "REG_SZ", "/d", manifestPath, "/f"],
      },
      { command: "cmd", args: ["/d", "/c", "start", "excel"] },
    ]);
    expect(WINDOWS_DEVELOPER_KEY).toBe("HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer");
    expect(plan.createFolders).toEqual([]);
    expect(plan.copies).toEqual([]);
    expect(plan.notes.join("\n")).toContain(`reg delete ${WINDOWS_DEVELOPER_KEY} /v ${ID} /f`);
    expect(plan.webSteps).toEqual(webSideloadSteps(manifestPath, "Target Tracker"));
  });

  test("darwin: copies the manifest into Excel's wef folder, then opens Excel", () => {
    const plan = sideloadPlan("darwin", "/Users/dev/tracker/manifest.xml", "/Users/dev", MANIFEST);
    const folder = "/Users/dev/Library/Containers/com.microsoft.Excel/Data/Documents/wef";
    expect(MAC_WEF_FOLDER).toBe("Library/Containers/com.microsoft.Excel/Data/Documents/wef");
    expect(plan.createFolders).toEqual([folder]);
    expect(plan.copies).toEqual([
      { from: "/Users/dev/tracker/manifest.xml", to: `${folder}/${ID}.manifest.xml` },
    ]);
    expect(plan.commands).toEqual([{ command: "open", args: ["-a", "Microsoft Excel"] }]);
  });

  test.each(["linux", "freebsd"] as const)(
    "%s: writes nothing and gives the Excel on the web steps",
    (platform) => {
      const plan = sideloadPlan(platform, "/home/dev/tracker/manifest.xml", "/home/dev", MANIFEST);
      expect(plan.createFolders).toEqual([]);
      expect(plan.copies).toEqual([]);
      expect(plan.commands).toEqual([]);
      expect(plan.summary).toMatch(/Excel on the web/);
      const steps = plan.webSteps.join("\n");
      plan.webSteps.forEach((step, i) => expect(step.startsWith(`${i + 1}. `)).toBe(true));
      expect(steps).toContain("office.com");
      expect(steps).toContain("Home > Add-ins > More add-ins > My add-ins > Upload My Add-in");
      expect(steps).toContain("/home/dev/tracker/manifest.xml");
      expect(steps).toContain('"Target Tracker"');
      expect(steps).toContain("https://localhost:3000/");
    },
  );
});

describe("executePlan", () => {
  test("the linux plan prints the web steps and touches no file", async () => {
    const home = join(tmpdir(), "start-test-no-such-home");
    const lines: string[] = [];
    const plan = sideloadPlan("linux", "/home/dev/tracker/manifest.xml", home, MANIFEST);
    await expect(executePlan(plan, (line) => lines.push(line))).resolves.toBe(true);
    expect(lines).toEqual([
      plan.summary,
      "To sideload into Excel on the web:",
      ...plan.webSteps.map((step) => `  ${step}`),
    ]);
    expect(existsSync(home)).toBe(false);
  });

  test("a failing step does not throw: it prints why, then the web steps", async () => {
    const home = mkdtempSync(join(tmpdir(), "start-test-"));
    try {
      const manifestPath = join(home, "manifest.xml");
      const plan = {
        ...sideloadPlan("darwin", manifestPath, home, MANIFEST),
        createFolders: [],
        copies: [],
        commands: [{ command: join(home, "no-such-program"), args: [] }],
      };
      const lines: string[] = [];
      await expect(executePlan(plan, (line) => lines.push(line))).resolves.toBe(false);
      expect(lines[1]).toMatch(
        /^Could not sideload automatically \(.*ENOENT.*\)\. Sideload into Excel on the web/,
      );
      expect(lines.slice(2)).toEqual(plan.webSteps.map((step) => `  ${step}`));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
