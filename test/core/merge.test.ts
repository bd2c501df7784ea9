/** Merging district registers into the city's: provenance, idempotence, updates, and conflicts between districts. */
import { blankLedgerRow, type LedgerCell, type LedgerField, type LedgerRow } from "../../src/core/ledger";
import {
  mergeNote,
  conflictKey,
  type MergeContext,
  type MergeInput,
  type MergeOutcome,
  mergeRegisters,
  reporterOf,
} from "../../src/core/merge";

const row = (fields: Partial<Record<LedgerField, LedgerCell>>): LedgerRow => ({
  ...blankLedgerRow(),
  ...fields,
});

const input = (file: string, reportingUnit: string, rows: LedgerRow[], savedAt?: number): MergeInput => ({
  file,
  reportingUnit,
  savedAt,
  rows,
});

const AT = 45000.5;
const LATER = 45010.25;
const context = (over: Partial<MergeContext> = {}): MergeContext => ({
  at: AT,
  who: "Li Ming",
  merges: [],
  conflicts: [],
  ...over,
});

/** The city after an outcome is written: its rows updated, the appended rows added. */
function applied(city: readonly LedgerRow[], outcome: MergeOutcome): LedgerRow[] {
  const rows = city.map((r) => ({ ...r }));
  for (const u of outcome.updates) rows[u.index][u.field] = u.to;
  return [...rows, ...outcome.appended];
}

// A valid code (the standard's example) and a second, different one.
const CODE_A = "91350100M000100Y43";
const CODE_B = "91310000MA1FL0000N";

const ACME = row({
  goal: "BRANDS",
  name: "Acme",
  status: "CANDIDATE",
  date: 44300,
  district: "XUHUI",
  evidence: "https://example.org/acme",
  enteredBy: "Wang",
  enteredAt: 44290.5,
});
const BETA = row({ goal: "ENTERPRISES", name: "Beta Online", status: "RECOGNIZED", district: "XUHUI" });

describe("the reporter of an input", () => {
  it("is the reporting unit as a district id, else its trimmed text", () => {
    expect(reporterOf(input("a.xlsx", " 徐汇区 ", []))).toBe("XUHUI");
    expect(reporterOf(input("a.xlsx", "Pudong New Area", []))).toBe("PUDONG");
    expect(reporterOf(input("a.xlsx", "  市经信委 ", []))).toBe("市经信委");
  });

  it("is the one district every row names when the unit is blank, else the file name", () => {
    const xuhui = [
      ACME,
      row({ goal: "BRANDS", name: "B", district: "XUHUI" }),
      row({ goal: "BRANDS", name: "C" }),
    ];
    expect(reporterOf(input("x.xlsx", " ", xuhui))).toBe("XUHUI");
    const mixed = [...xuhui, row({ goal: "BRANDS", name: "D", district: "PUTUO" })];
    expect(reporterOf(input("mixed.xlsx", "", mixed))).toBe("mixed.xlsx");
    expect(reporterOf(input("none.xlsx", "", [row({ goal: "BRANDS", name: "E" })]))).toBe("none.xlsx");
  });
});

describe("merging a new entry", () => {
  it("appends it as in the source, with its reporter, file and the merge's time", () => {
    const outcome = mergeRegisters([], [input("xuhui.xlsx", "徐汇", [ACME, BETA], 45000)], context());
    expect(outcome.appended).toEqual([
      { ...ACME, reportedBy: "XUHUI", sourceFile: "xuhui.xlsx", mergedAt: AT },
      { ...BETA, reportedBy: "XUHUI", sourceFile: "xuhui.xlsx", mergedAt: AT },
    ]);
    expect(outcome.appended[0].enteredBy).toBe("Wang");
    expect(outcome.appended[0].enteredAt).toBe(44290.5);
    expect(outcome.updates).toEqual([]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.merges).toEqual([
      {
        file: "xuhui.xlsx",
        reporter: "XUHUI",
        savedAt: 45000,
        at: AT,
        read: 2,
        added: 2,
        updated: 0,
        conflicts: 0,
        skipped: 0,
        invalidCodes: 0,
      },
    ]);
  });

  it("skips rows without a goal or a name, and counts them", () => {
    const rows = [row({}), row({ goal: "BRANDS", name: "  " }), row({ name: "No goal" }), ACME];
    const outcome = mergeRegisters([], [input("x.xlsx", "XUHUI", rows)], context());
    expect(outcome.appended.map((r) => r.name)).toEqual(["Acme"]);
    expect(outcome.merges[0]).toMatchObject({ read: 4, added: 1, skipped: 3 });
  });
});

describe("merging the same workbook twice", () => {
  it("adds, updates and lists nothing the second time", () => {
    // The city has one entry of its own, which Xuhui reports too; Xuhui's file holds a duplicate.
    const city = [row({ goal: "ENTERPRISES", name: "City Own", status: "RECOGNIZED" })];
    const rows = [
      ACME,
      BETA,
      row({ goal: "ENTERPRISES", name: "city own", status: "CANDIDATE" }),
      row({ ...ACME, status: "WITHDRAWN" }),
    ];
    const file = input("xuhui.xlsx", "XUHUI", rows, 45000);
    const first = mergeRegisters(city, [file], context());
    expect(first.appended).toHaveLength(2);
    expect(first.conflicts).toHaveLength(2);

    const second = mergeRegisters(
      applied(city, first),
      [file],
      context({ at: LATER, merges: first.merges, conflicts: first.conflicts }),
    );
    expect(second.appended).toEqual([]);
    expect(second.updates).toEqual([]);
    expect(second.changes).toEqual([]);
    expect(second.conflicts).toEqual([]);
    expect(second.merges[0]).toMatchObject({ read: 4, added: 0, updated: 0, conflicts: 0, skipped: 0 });
  });

  it("lists no conflict twice within one call either", () => {
    const city = [row({ ...ACME, reportedBy: "PUTUO" })];
    const file = input("xuhui.xlsx", "XUHUI", [ACME]);
    const outcome = mergeRegisters(city, [file, file], context());
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.merges.map((m) => m.conflicts)).toEqual([1, 0]);
  });
});

describe("a newer submission from the same district", () => {
  const first = mergeRegisters([], [input("xuhui-1.xlsx", "XUHUI", [ACME, BETA], 45000)], context());
  const city = applied([], first);
  const newer = [
    row({ ...ACME, status: "RECOGNIZED", evidence: "https://example.org/acme-2", enteredBy: "Zhao" }),
    BETA,
  ];

  it("updates its rows, one change record per field changed", () => {
    const outcome = mergeRegisters(
      city,
      [input("xuhui-2.xlsx", "XUHUI", newer, 45005)],
      context({ at: LATER, merges: first.merges }),
    );
    expect(outcome.appended).toEqual([]);
    expect(outcome.updates).toEqual([
      { index: 0, field: "status", from: "CANDIDATE", to: "RECOGNIZED" },
      { index: 0, field: "evidence", from: "https://example.org/acme", to: "https://example.org/acme-2" },
      { index: 0, field: "sourceFile", from: "xuhui-1.xlsx", to: "xuhui-2.xlsx" },
      { index: 0, field: "mergedAt", from: AT, to: LATER },
    ]);
    const common = {
      at: LATER,
      who: "Li Ming",
      goal: "BRANDS",
      name: "Acme",
      how: "merge",
      source: "xuhui-2.xlsx",
    };
    expect(outcome.changes).toEqual([
      { ...common, field: "status", from: "CANDIDATE", to: "RECOGNIZED" },
      { ...common, field: "evidence", from: "https://example.org/acme", to: "https://example.org/acme-2" },
    ]);
    expect(outcome.merges[0]).toMatchObject({ added: 0, updated: 1, conflicts: 0 });
  });

  it("updates a row appended earlier in the same call in place, with no update record", () => {
    const outcome = mergeRegisters(
      [],
      [input("xuhui-1.xlsx", "XUHUI", [ACME], 45000), input("xuhui-2.xlsx", "XUHUI", [newer[0]], 45005)],
      context(),
    );
    expect(outcome.appended).toHaveLength(1);
    expect(outcome.appended[0]).toMatchObject({
      status: "RECOGNIZED",
      enteredBy: "Wang",
      sourceFile: "xuhui-2.xlsx",
      reportedBy: "XUHUI",
    });
    expect(outcome.updates).toEqual([]);
    expect(outcome.changes.map((c) => [c.field, c.from, c.to, c.source])).toEqual([
      ["status", "CANDIDATE", "RECOGNIZED", "xuhui-2.xlsx"],
      ["evidence", "https://example.org/acme", "https://example.org/acme-2", "xuhui-2.xlsx"],
    ]);
  });

  it("is skipped whole when it is older than one already merged", () => {
    const older = input("xuhui-0.xlsx", "徐汇区", newer, 44990);
    const outcome = mergeRegisters(city, [older], context({ merges: first.merges }));
    expect(outcome.updates).toEqual([]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.merges).toEqual([
      {
        file: "xuhui-0.xlsx",
        reporter: "XUHUI",
        savedAt: 44990,
        at: AT,
        read: 2,
        added: 0,
        updated: 0,
        conflicts: 0,
        skipped: 2,
        skippedReason: "older",
        invalidCodes: 0,
      },
    ]);
  });

  it("is skipped when older than an earlier input of the same call, not when its save time is unknown", () => {
    const changed = [row({ ...ACME, status: "WITHDRAWN" })];
    const outcome = mergeRegisters(
      city,
      [input("xuhui-3.xlsx", "XUHUI", newer, 45005), input("xuhui-0.xlsx", "XUHUI", changed, 45001)],
      context(),
    );
    expect(outcome.merges.map((m) => m.skippedReason)).toEqual([undefined, "older"]);
    expect(outcome.changes.map((c) => c.to)).toEqual(["RECOGNIZED", "https://example.org/acme-2"]);

    const unknown = mergeRegisters(
      city,
      [input("xuhui-u.xlsx", "XUHUI", changed)],
      context({ merges: first.merges }),
    );
    expect(unknown.merges[0].skippedReason).toBeUndefined();
    expect(unknown.changes.map((c) => [c.field, c.to])).toEqual([["status", "WITHDRAWN"]]);
  });

  it("ignores save times of other reporters", () => {
    const outcome = mergeRegisters(
      city,
      [input("xuhui-2.xlsx", "XUHUI", newer, 44000)],
      context({ merges: [{ reporter: "PUTUO", savedAt: 46000 }] }),
    );
    expect(outcome.merges[0].skippedReason).toBeUndefined();
    expect(outcome.merges[0].updated).toBe(1);
  });
});

describe("the same enterprise from two districts", () => {
  const fromPutuo = row({
    ...ACME,
    status: "RECOGNIZED",
    date: 44400,
    district: "PUTUO",
    evidence: "https://example.org/putuo",
    enteredBy: "Sun",
  });
  const inputs = [input("xuhui.xlsx", "XUHUI", [ACME]), input("putuo.xlsx", "PUTUO", [fromPutuo])];

  it("counts it once, credited to the first, and lists the differences", () => {
    const outcome = mergeRegisters([], inputs, context());
    expect(outcome.appended).toHaveLength(1);
    expect(outcome.appended[0]).toMatchObject({
      reportedBy: "XUHUI",
      status: "CANDIDATE",
      enteredBy: "Wang",
    });
    expect(outcome.updates).toEqual([]);
    expect(outcome.changes).toEqual([]);
    expect(outcome.conflicts).toEqual([
      {
        goal: "BRANDS",
        name: "Acme",
        creditCode: null,
        matchedBy: "name",
        creditedTo: "XUHUI",
        creditedFile: "xuhui.xlsx",
        alsoReportedBy: "PUTUO",
        file: "putuo.xlsx",
        differences: [
          { field: "status", credited: "CANDIDATE", other: "RECOGNIZED" },
          { field: "date", credited: 44300, other: 44400 },
          { field: "evidence", credited: "https://example.org/acme", other: "https://example.org/putuo" },
          { field: "district", credited: "XUHUI", other: "PUTUO" },
        ],
      },
    ]);
    expect(outcome.merges.map((m) => [m.added, m.conflicts])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it("credits whoever comes first, the other way round too", () => {
    const outcome = mergeRegisters([], [...inputs].reverse(), context());
    expect(outcome.appended.map((r) => r.reportedBy)).toEqual(["PUTUO"]);
    expect(outcome.conflicts.map((c) => [c.creditedTo, c.alsoReportedBy])).toEqual([["PUTUO", "XUHUI"]]);
    expect(outcome.conflicts[0].differences.find((d) => d.field === "status")).toEqual({
      field: "status",
      credited: "RECOGNIZED",
      other: "CANDIDATE",
    });
  });

  it("credits the city for its own rows and leaves them as they are", () => {
    const city = [row({ ...ACME, district: "XUHUI" })];
    const outcome = mergeRegisters(city, [input("putuo.xlsx", "PUTUO", [fromPutuo])], context());
    expect(outcome.appended).toEqual([]);
    expect(outcome.updates).toEqual([]);
    expect(outcome.conflicts.map((c) => [c.creditedTo, c.creditedFile, c.alsoReportedBy])).toEqual([
      ["", "", "PUTUO"],
    ]);
  });

  it("lists a later duplicate in one input as a conflict, the first winning", () => {
    const outcome = mergeRegisters([], [input("xuhui.xlsx", "XUHUI", [ACME, fromPutuo])], context());
    expect(outcome.appended).toEqual([expect.objectContaining({ status: "CANDIDATE", district: "XUHUI" })]);
    expect(outcome.conflicts.map((c) => [c.creditedTo, c.alsoReportedBy])).toEqual([["XUHUI", "XUHUI"]]);
  });

  it("lists a conflict again when the other district's values change", () => {
    const first = mergeRegisters([], inputs, context());
    const city = applied([], first);
    const changed = row({ ...fromPutuo, status: "WITHDRAWN" });
    const again = mergeRegisters(
      city,
      [input("putuo.xlsx", "PUTUO", [fromPutuo]), input("putuo-2.xlsx", "PUTUO", [changed])],
      context({ conflicts: first.conflicts }),
    );
    expect(again.conflicts.map((c) => c.file)).toEqual(["putuo-2.xlsx"]);
  });
});

describe("credit codes", () => {
  it("match an entry although the names differ", () => {
    const city = [row({ ...ACME, creditCode: CODE_A, reportedBy: "XUHUI" })];
    const renamed = row({ ...ACME, name: "Acme Technology Co.", creditCode: CODE_A });
    const other = mergeRegisters(city, [input("putuo.xlsx", "PUTUO", [renamed])], context());
    expect(other.appended).toEqual([]);
    expect(other.conflicts).toEqual([
      expect.objectContaining({
        name: "Acme",
        creditCode: CODE_A,
        matchedBy: "creditCode",
        alsoReportedBy: "PUTUO",
      }),
    ]);

    const own = mergeRegisters(city, [input("xuhui.xlsx", "XUHUI", [renamed])], context());
    expect(own.updates.filter((u) => u.field === "name")).toEqual([
      { index: 0, field: "name", from: "Acme", to: "Acme Technology Co." },
    ]);
    expect(own.changes.map((c) => [c.field, c.name])).toEqual([["name", "Acme Technology Co."]]);
  });

  it("tell apart two enterprises of the same name", () => {
    const a = row({ ...ACME, creditCode: CODE_A });
    const b = row({ ...ACME, creditCode: CODE_B, district: "PUTUO" });
    const outcome = mergeRegisters(
      [],
      [input("x.xlsx", "XUHUI", [a]), input("p.xlsx", "PUTUO", [b])],
      context(),
    );
    expect(outcome.appended.map((r) => [r.creditCode, r.reportedBy])).toEqual([
      [CODE_A, "XUHUI"],
      [CODE_B, "PUTUO"],
    ]);
    expect(outcome.conflicts).toEqual([]);
  });

  it("compare without spaces and in capitals", () => {
    const city = [row({ ...ACME, creditCode: CODE_A, reportedBy: "XUHUI" })];
    const typed = row({ ...ACME, name: "ACME Ltd", creditCode: " 9135 0100m0 00100y43 " });
    const own = mergeRegisters(city, [input("xuhui.xlsx", "XUHUI", [typed])], context());
    expect(own.appended).toEqual([]);
    // The name changed; the code, written differently, did not.
    expect(own.changes.map((c) => c.field)).toEqual(["name"]);
    const other = mergeRegisters(city, [input("putuo.xlsx", "PUTUO", [typed])], context());
    expect(other.conflicts.map((c) => [c.matchedBy, c.creditCode])).toEqual([["creditCode", CODE_A]]);
  });

  it("are used only when they pass the check: a mistyped code is matched by name, and counted", () => {
    const city = [row({ ...ACME, creditCode: CODE_A, reportedBy: "XUHUI" })];
    // The same enterprise under another name, its code's last character mistyped: no match by code.
    const mistyped = row({ ...ACME, name: "Acme Technology Co.", creditCode: "91350100M000100Y44" });
    const outcome = mergeRegisters(city, [input("putuo.xlsx", "PUTUO", [mistyped])], context());
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.appended.map((r) => r.name)).toEqual(["Acme Technology Co."]);
    expect(outcome.merges[0].invalidCodes).toBe(1);
    expect(mergeNote(outcome.merges[0], "zh")).toBe(
      "1行的统一社会信用代码未通过校验（GB 32100-2015），已按名称匹配，请在该区工作簿中更正。",
    );
    expect(mergeNote(outcome.merges[0], "en")).toMatch(/^1 row's credit code fails the check/);
    expect(mergeNote({ ...outcome.merges[0], invalidCodes: 0 }, "en")).toBeNull();
    // Under the same name it is the same entry, found by name.
    const sameName = mergeRegisters(
      city,
      [input("putuo.xlsx", "PUTUO", [row({ ...ACME, creditCode: "91350100M000100Y44" })])],
      context(),
    );
    expect(sameName.conflicts.map((c) => c.matchedBy)).toEqual(["name"]);
  });

  it("match a row without a code by name", () => {
    const city = [row({ ...ACME, creditCode: CODE_A, reportedBy: "XUHUI" })];
    const outcome = mergeRegisters(city, [input("putuo.xlsx", "PUTUO", [ACME])], context());
    expect(outcome.appended).toEqual([]);
    expect(outcome.conflicts.map((c) => [c.matchedBy, c.creditCode])).toEqual([["name", CODE_A]]);
  });
});

describe("a city workbook merged into another", () => {
  it("keeps each row's reportedBy, the city's own rows getting the workbook's reporter", () => {
    const city = [row({ ...ACME, reportedBy: "XUHUI", sourceFile: "xuhui.xlsx" })];
    const other = [
      row({ ...BETA, reportedBy: "徐汇区" }),
      row({ goal: "SCENARIOS", name: "Gamma", district: "PUTUO", reportedBy: "PUTUO" }),
      row({ goal: "SCENARIOS", name: "Own", district: "JINSHAN" }),
      row({ ...ACME, status: "RECOGNIZED", reportedBy: "XUHUI" }),
      row({ ...ACME, status: "WITHDRAWN", reportedBy: "PUTUO" }),
    ];
    const outcome = mergeRegisters(city, [input("city-b.xlsx", "Jinshan", other)], context());
    expect(outcome.appended.map((r) => [r.name, r.reportedBy, r.sourceFile])).toEqual([
      ["Beta Online", "XUHUI", "city-b.xlsx"],
      ["Gamma", "PUTUO", "city-b.xlsx"],
      ["Own", "JINSHAN", "city-b.xlsx"],
    ]);
    // Xuhui's row of Acme is Xuhui's own: updated; Putuo's is a conflict.
    expect(outcome.updates.map((u) => [u.field, u.to])).toEqual([
      ["status", "RECOGNIZED"],
      ["sourceFile", "city-b.xlsx"],
      ["mergedAt", AT],
    ]);
    expect(outcome.conflicts.map((c) => [c.creditedTo, c.creditedFile, c.alsoReportedBy])).toEqual([
      // The credited row now comes from this workbook: it was just updated from it.
      ["XUHUI", "city-b.xlsx", "PUTUO"],
    ]);
  });
});

describe("conflict keys", () => {
  it("ignore the order of the differences and the file, not the values", () => {
    const base = {
      goal: "BRANDS",
      name: "Acme",
      creditCode: null,
      matchedBy: "name" as const,
      alsoReportedBy: "PUTUO",
      differences: [
        { field: "status" as const, credited: "CANDIDATE", other: "RECOGNIZED" },
        { field: "date" as const, credited: 1, other: 2 },
      ],
    };
    const reordered = { ...base, name: " acme ", differences: [...base.differences].reverse() };
    expect(conflictKey(reordered)).toBe(conflictKey(base));
    const otherValue = { ...base, differences: [{ field: "date" as const, credited: 1, other: 3 }] };
    expect(conflictKey(otherValue)).not.toBe(conflictKey(base));
    expect(conflictKey({ ...base, alsoReportedBy: "JINSHAN" })).not.toBe(conflictKey(base));
  });
});

describe("a district's own row under a name another reporter also has", () => {
  it("is the one its newer file updates, wherever it sits", () => {
    // The city's own Acme first, then Huangpu's: Huangpu's newer file is about its own.
    const city = [
      row({ ...ACME, reportedBy: null }),
      row({ ...ACME, reportedBy: "HUANGPU", sourceFile: "huangpu-1.xlsx" }),
    ];
    const newer = row({ ...ACME, status: "WITHDRAWN" });
    const outcome = mergeRegisters(city, [input("huangpu-2.xlsx", "HUANGPU", [newer])], context());
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.updates.filter((u) => u.field === "status")).toEqual([
      expect.objectContaining({ index: 1, field: "status", to: "WITHDRAWN" }),
    ]);
  });
});
