import { tableSpec } from "../../src/core/template/template";
import type { ChangeRecord } from "../../src/core/changes";
import { serialToIso } from "../../src/core/dates";
import { isoToSerial } from "../../src/core/dates";
import { ENTRY_FIELD_LABELS, REGISTER_DATE_BOUNDS } from "../../src/core/entries";
import { blankLedgerRow, type LedgerCell, type LedgerField, type LedgerRow } from "../../src/core/ledger";
import type { EntryStatusId } from "../../src/core/register";
import {
  CHANGE_HOW_LABELS,
  CHANGES_COLUMNS,
  CHANGES_FIELD_LABELS,
  changeCells,
  detectCellEdits,
  editEntry,
  type EntryEdit,
  findEntries,
  TRACKED_FIELDS,
  TrailError,
} from "../../src/core/trail";

const row = (fields: Partial<Record<LedgerField, LedgerCell>>): LedgerRow => ({
  ...blankLedgerRow(),
  ...fields,
});
const AT = isoToSerial("2021-07-01") + 0.5;
const DAY = isoToSerial("2021-06-30");

describe("TRACKED_FIELDS", () => {
  it("lists the entry's fields and its credit code, not its provenance", () => {
    expect([...TRACKED_FIELDS].sort()).toEqual(
      [
        "goal",
        "name",
        "status",
        "date",
        "district",
        "kind",
        "sector",
        "evidence",
        "notes",
        "creditCode",
      ].sort(),
    );
  });
});

describe("findEntries", () => {
  const rows = [
    row({ goal: "BRANDS", name: "Acme Robotics" }),
    row({ goal: "BRANDS", name: "ＡＣＭＥ" }),
    row({ goal: "SCENARIOS", name: "Big   acme  shop" }),
    row({ goal: "BRANDS", name: null }),
    row({ goal: "BRANDS", name: "Other" }),
    row({ goal: "PLATFORMS", name: "acme" }),
  ];

  it("ignores case, width and spacing, exact matches first and then row order", () => {
    expect(findEntries(rows, "acme")).toEqual([1, 5, 0, 2]);
    expect(findEntries(rows, " ａｃｍｅ   shop ")).toEqual([2]);
    expect(findEntries(rows, "acme shop")).toEqual([2]);
  });

  it("finds nothing for an empty or blank query, or a name not there", () => {
    expect(findEntries(rows, "")).toEqual([]);
    expect(findEntries(rows, "   ")).toEqual([]);
    expect(findEntries(rows, "zzz")).toEqual([]);
  });

  it("keeps to the limit, exact matches kept first", () => {
    expect(findEntries(rows, "acme", 2)).toEqual([1, 5]);
    expect(findEntries(rows, "acme", 3)).toEqual([1, 5, 0]);
    expect(findEntries(rows, "acme", 0)).toEqual([]);
  });

  it("finds a name held as a number", () => {
    expect(findEntries([row({ name: 2021 }), row({ name: "x" })], "202")).toEqual([0]);
  });
});

describe("editEntry", () => {
  const candidate = row({ goal: "BRANDS", name: "Acme", status: "CANDIDATE", date: null, evidence: null });

  it("records a status change Candidate → Recognized with who, when and how", () => {
    const { row: edited, changes } = editEntry(candidate, { status: "RECOGNIZED" }, AT, "Li Wei");
    expect(edited.status).toBe("RECOGNIZED");
    expect(edited.name).toBe("Acme");
    expect(changes).toEqual<ChangeRecord[]>([
      {
        at: AT,
        who: "Li Wei",
        goal: "BRANDS",
        name: "Acme",
        field: "status",
        from: "CANDIDATE",
        to: "RECOGNIZED",
        how: "pane",
      },
    ]);
    expect(candidate.status).toBe("CANDIDATE");
  });

  it("records only the fields that really change", () => {
    const { row: edited, changes } = editEntry(
      candidate,
      { status: "CANDIDATE", date: DAY, evidence: null },
      AT,
      "",
    );
    expect(changes.map((c) => [c.field, c.from, c.to])).toEqual([["date", null, DAY]]);
    expect(edited.date).toBe(DAY);
    expect(editEntry(candidate, {}, AT, "").changes).toEqual([]);
  });

  it("compares dates as whole days", () => {
    const timed = row({ ...candidate, date: DAY + 0.75 });
    expect(editEntry(timed, { date: DAY }, AT, "").changes).toEqual([]);
    expect(editEntry(timed, { date: DAY }, AT, "").row.date).toBe(DAY + 0.75);
    expect(editEntry(row({ ...candidate, date: "2021-06-30" }), { date: DAY }, AT, "").changes).toEqual([]);
    expect(editEntry(timed, { date: DAY + 1 }, AT, "").changes.map((c) => [c.from, c.to])).toEqual([
      [DAY + 0.75, DAY + 1],
    ]);
  });

  it("clears a date and sets and clears evidence, trimmed", () => {
    const dated = row({ ...candidate, date: DAY, evidence: "https://example.org/a" });
    const cleared = editEntry(dated, { date: null, evidence: "  " }, AT, "");
    expect(cleared.changes.map((c) => [c.field, c.from, c.to])).toEqual([
      ["date", DAY, null],
      ["evidence", "https://example.org/a", null],
    ]);
    const linked = editEntry(candidate, { evidence: " https://example.org/b " }, AT, "");
    expect(linked.row.evidence).toBe("https://example.org/b");
    expect(linked.changes.map((c) => c.to)).toEqual(["https://example.org/b"]);
  });

  it("withdraws an entry by its status, keeping the row", () => {
    const recognized = row({ ...candidate, status: "RECOGNIZED", date: DAY });
    const { row: withdrawn, changes } = editEntry(recognized, { status: "WITHDRAWN" }, AT, "Li Wei");
    expect(withdrawn).toEqual({ ...recognized, status: "WITHDRAWN" });
    expect(changes.map((c) => [c.field, c.from, c.to, c.how])).toEqual([
      ["status", "RECOGNIZED", "WITHDRAWN", "pane"],
    ]);
  });

  const refusal = (edit: EntryEdit): TrailError => {
    try {
      editEntry(candidate, edit, AT, "");
    } catch (error) {
      if (error instanceof TrailError) return error;
      throw error;
    }
    throw new Error("the edit was accepted");
  };

  it("refuses a date outside the register's bounds", () => {
    for (const date of [
      isoToSerial(REGISTER_DATE_BOUNDS.min) - 1,
      isoToSerial(REGISTER_DATE_BOUNDS.max) + 1,
    ]) {
      const error = refusal({ date });
      expect(error.field).toBe("date");
      expect(error.text).toEqual({
        en: "The date must fall between 2018-01-01 and 2030-12-31.",
        zh: "日期须在 2018-01-01 至 2030-12-31 之间。",
      });
      expect(error.message).toBe(error.text.en);
      expect(error.messageIn("zh")).toBe(error.text.zh);
    }
    expect(
      editEntry(candidate, { date: isoToSerial(REGISTER_DATE_BOUNDS.max) }, AT, "").changes,
    ).toHaveLength(1);
  });

  it("refuses a date that is not a whole day", () => {
    for (const date of [DAY + 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = refusal({ date });
      expect(error.field).toBe("date");
      expect(error.text.en).toBe(`The date must be a whole day, without a time of day; got ${String(date)}.`);
      expect(error.text.zh).toBe(`日期须为整日，不含时刻，收到的是 ${String(date)}。`);
    }
  });

  it("refuses an evidence link the Register's rule refuses", () => {
    for (const evidence of ["example.org", "https://user:pw@example.org/", "https://a b", "https://"]) {
      const error = refusal({ evidence });
      expect(error.field).toBe("evidence");
      expect(error.text.en).toMatch(/^Evidence must be one web address/);
      expect(error.text.zh).toMatch(/^佐证须为一个网址，/);
    }
    expect(refusal({ evidence: "https://example.org/\ud800" }).text.en).toMatch(/broken character/);
  });

  it("refuses an unknown status, naming the four", () => {
    const error = refusal({ status: "Recognized" as EntryStatusId });
    expect(error.field).toBe("status");
    expect(error.text).toEqual({
      en: '"Recognized" is not a status: use Candidate, In progress, Recognized or Withdrawn.',
      zh: "“Recognized”不是有效状态，请用候选、推进中、已认定或已撤回。",
    });
  });

  it("refuses the whole edit when one of its fields is refused", () => {
    const error = refusal({ status: "RECOGNIZED", date: DAY + 0.5 });
    expect(error.field).toBe("date");
    expect(candidate.status).toBe("CANDIDATE");
  });
});

describe("detectCellEdits", () => {
  const acme = row({ goal: "BRANDS", name: "Acme", status: "CANDIDATE", date: DAY, enteredAt: AT - 1 });
  const beta = row({ goal: "SCENARIOS", name: "Beta", status: "RECOGNIZED" });
  const fieldsOf = (changes: ChangeRecord[]) => changes.map((c) => [c.name, c.field, c.from, c.to]);

  it("takes the register as the baseline when the trail has not started", () => {
    const result = detectCellEdits([acme, beta], undefined, AT, "Li Wei");
    expect(result.baseline).toBe(true);
    expect(result.changes).toEqual([]);
    expect(result.recorded.map((r) => [r.name, r.status, r.date])).toEqual([
      ["Acme", "CANDIDATE", DAY],
      ["Beta", "RECOGNIZED", null],
    ]);
  });

  it("logs every entry as added when the record was of an empty register", () => {
    const result = detectCellEdits([acme, beta], [], AT, "Li Wei");
    expect(result.baseline).toBe(false);
    expect(result.changes.map((c) => [c.name, c.field, c.to, c.how])).toEqual([
      ["Acme", "entry", "added", "cells"],
      ["Beta", "entry", "added", "cells"],
    ]);
  });

  it("keeps only the tracked fields in the recorded state", () => {
    const { recorded } = detectCellEdits([acme], undefined, AT, "");
    expect(recorded[0].enteredAt).toBeNull();
    expect(recorded[0].goal).toBe("BRANDS");
  });

  it("records a changed field, typed in cells", () => {
    const typed = row({ ...acme, status: "RECOGNIZED", notes: "checked" });
    const result = detectCellEdits([typed, beta], [acme, beta], AT, "Li Wei");
    expect(result.baseline).toBe(false);
    expect(result.changes).toEqual<ChangeRecord[]>([
      {
        at: AT,
        who: "Li Wei",
        goal: "BRANDS",
        name: "Acme",
        field: "status",
        from: "CANDIDATE",
        to: "RECOGNIZED",
        how: "cells",
      },
      {
        at: AT,
        who: "Li Wei",
        goal: "BRANDS",
        name: "Acme",
        field: "notes",
        from: null,
        to: "checked",
        how: "cells",
      },
    ]);
    expect(result.recorded[0].status).toBe("RECOGNIZED");
  });

  it("ignores untracked fields", () => {
    const restamped = row({ ...acme, enteredAt: AT, reportedBy: "someone" });
    expect(detectCellEdits([restamped], [acme], AT, "").changes).toEqual([]);
  });

  it("records an added and a removed entry", () => {
    const added = detectCellEdits([acme, beta], [acme], AT, "");
    expect(fieldsOf(added.changes)).toEqual([["Beta", "entry", null, "added"]]);
    expect(added.changes[0]).toMatchObject({ goal: "SCENARIOS", how: "cells" });
    const removed = detectCellEdits([beta], [acme, beta], AT, "");
    expect(fieldsOf(removed.changes)).toEqual([["Acme", "entry", "present", null]]);
    expect(removed.changes[0]).toMatchObject({ goal: "BRANDS", how: "cells" });
  });

  it("matches a name changed only in case or width as the same entry", () => {
    const renamed = row({ ...acme, name: "ＡＣＭＥ" });
    expect(fieldsOf(detectCellEdits([renamed], [acme], AT, "").changes)).toEqual([
      ["ＡＣＭＥ", "name", "Acme", "ＡＣＭＥ"],
    ]);
  });

  it("matches duplicates of a key in order, the k-th to the k-th", () => {
    const first = row({ ...acme, notes: "one" });
    const second = row({ ...acme, notes: "two" });
    expect(detectCellEdits([first, second], [first, second], AT, "").changes).toEqual([]);
    const changed = detectCellEdits([first, row({ ...second, notes: "2" })], [first, second], AT, "");
    expect(fieldsOf(changed.changes)).toEqual([["Acme", "notes", "two", "2"]]);
    const third = detectCellEdits([first, second, first], [first, second], AT, "");
    expect(fieldsOf(third.changes)).toEqual([["Acme", "entry", null, "added"]]);
    const fewer = detectCellEdits([first], [first, second], AT, "");
    expect(fieldsOf(fewer.changes)).toEqual([["Acme", "entry", "present", null]]);
  });

  it("compares numbers as numbers, text as text, blank as null", () => {
    expect(
      detectCellEdits([row({ ...acme, date: 44562.0 })], [row({ ...acme, date: 44562 })], AT, "").changes,
    ).toEqual([]);
    expect(
      detectCellEdits([row({ ...acme, notes: "" })], [row({ ...acme, notes: null })], AT, "").changes,
    ).toEqual([]);
    expect(
      detectCellEdits([row({ ...acme, notes: null })], [row({ ...acme, notes: "" })], AT, "").changes,
    ).toEqual([]);
    expect(
      fieldsOf(
        detectCellEdits([row({ ...acme, date: "44562" })], [row({ ...acme, date: 44562 })], AT, "").changes,
      ),
    ).toEqual([["Acme", "date", 44562, "44562"]]);
    expect(
      fieldsOf(
        detectCellEdits([row({ ...acme, notes: "a " })], [row({ ...acme, notes: "a" })], AT, "").changes,
      ),
    ).toEqual([["Acme", "notes", "a", "a "]]);
  });

  it("skips empty rows rather than logging them", () => {
    const result = detectCellEdits([acme, row({})], [acme], AT, "");
    expect(result.changes).toEqual([]);
    expect(result.recorded).toHaveLength(1);
  });

  it("finds nothing the second time once the first result is recorded", () => {
    const register = [row({ ...acme, status: "RECOGNIZED" }), beta, row({ goal: "BRANDS", name: "Gamma" })];
    const first = detectCellEdits(register, [acme, row({ goal: "BRANDS", name: "Gone" })], AT, "");
    expect(first.changes.length).toBeGreaterThan(0);
    const second = detectCellEdits(register, first.recorded, AT + 1, "");
    expect(second).toEqual({ changes: [], recorded: first.recorded, baseline: false });
  });

  it("handles a large register, matching every row", () => {
    const many = Array.from({ length: 40_000 }, (_, i) =>
      row({ goal: "BRANDS", name: `Entry ${i}`, status: "CANDIDATE" }),
    );
    const edited = many.map((r, i) => (i === 39_999 ? row({ ...r, status: "RECOGNIZED" }) : r));
    const result = detectCellEdits(edited, many, AT, "");
    expect(fieldsOf(result.changes)).toEqual([["Entry 39999", "status", "CANDIDATE", "RECOGNIZED"]]);
  });
});

describe("changeCells", () => {
  const label = (field: LedgerField) => `<${field}>`;
  const status: ChangeRecord = {
    at: AT,
    who: "Li Wei",
    goal: "BRANDS",
    name: "Acme",
    field: "status",
    from: "CANDIDATE",
    to: "RECOGNIZED",
    how: "pane",
  };

  it("lays a change out as When, Who, Goal, Name, Field, From, To, How, Source file", () => {
    expect(CHANGES_COLUMNS.map((c) => CHANGES_FIELD_LABELS[c].en)).toEqual([
      "When",
      "Who",
      "Goal",
      "Name",
      "Field",
      "From",
      "To",
      "How",
      "Source file",
    ]);
    // The Changes sheet's columns are these, in this order.
    expect(tableSpec("changes").columns.map((c) => c.id)).toEqual([...CHANGES_COLUMNS]);
    expect(changeCells(status, "en", label)).toEqual([
      AT,
      "Li Wei",
      "Brands",
      "Acme",
      "<status>",
      "Candidate",
      "Recognized",
      "Task pane",
      null,
    ]);
    expect(changeCells(status, "zh", (f) => ENTRY_FIELD_LABELS[f as "status"].zh)).toEqual([
      AT,
      "Li Wei",
      "品牌产品",
      "Acme",
      "状态",
      "候选",
      "已认定",
      "任务窗格",
      null,
    ]);
  });

  it("names the how in both languages", () => {
    expect(CHANGE_HOW_LABELS).toEqual({
      pane: { en: "Task pane", zh: "任务窗格" },
      cells: { en: "Typed in cells", zh: "单元格直接修改" },
      merge: { en: "Merge", zh: "合并" },
    });
    const merged: ChangeRecord = { ...status, how: "merge", source: "pudong.xlsx", who: "" };
    expect(changeCells(merged, "zh", label).slice(7)).toEqual(["合并", "pudong.xlsx"]);
    expect(changeCells(merged, "zh", label)[1]).toBeNull();
    expect(changeCells({ ...status, how: "cells" }, "en", label)[7]).toBe("Typed in cells");
  });

  it("shows entry records with their own words", () => {
    const added: ChangeRecord = { ...status, field: "entry", from: null, to: "added", how: "cells" };
    const removed: ChangeRecord = { ...added, from: "present", to: null };
    expect(changeCells(added, "en", label).slice(4, 7)).toEqual(["Entry", null, "Added"]);
    expect(changeCells(added, "zh", label).slice(4, 7)).toEqual(["条目", null, "新增"]);
    expect(changeCells(removed, "en", label).slice(4, 7)).toEqual(["Entry", "In the sheet", null]);
    expect(changeCells(removed, "zh", label).slice(4, 7)).toEqual(["条目", "在表中", null]);
  });

  it("keeps text that names no id as it is, and shows a date as the Register does", () => {
    const typed: ChangeRecord = { ...status, goal: "Gadgets", field: "date", from: DAY, to: "soon" };
    expect(changeCells(typed, "en", label).slice(2, 7)).toEqual([
      "Gadgets",
      "Acme",
      "<date>",
      serialToIso(DAY),
      "soon",
    ]);
    // A number in another field (a name typed as digits) stays a number.
    const digits: ChangeRecord = { ...status, field: "name", from: 12345, to: 678 };
    expect(changeCells(digits, "en", label).slice(5, 7)).toEqual([12345, 678]);
  });
});
