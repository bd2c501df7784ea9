/**
 * The Excel double's own rules: for each, a case Excel refuses (the double must refuse it too) and
 * a case Excel accepts (so the rule is not "refuse everything"). Each block names the page or issue
 * the rule follows, as the comments in excel-double.ts, excel-model.ts and excel-formula-check.ts do.
 */
import {
  FakeContext,
  FakeWorkbook,
  MAX_CELL_CHARACTERS,
  payloadBytes,
  PropertyNotLoadedError,
  type FakeTable,
  type FakeWorksheet,
  type WorksheetApi,
} from "./excel-double";

function excel() {
  const workbook = FakeWorkbook.withSheets("Sheet1");
  const context = new FakeContext(workbook);
  const sheet = context.workbook.worksheets.getItem("Sheet1");
  return { workbook, context, sheet, model: workbook.sheet("Sheet1") as FakeWorksheet };
}

/** Queues a table "Sales" over A1:C3: Item, Amount and a blank Double column, two data rows. */
function queueSales(sheet: WorksheetApi) {
  sheet.getRange("A1:C3").values = [
    ["Item", "Amount", "Double"],
    ["a", 1, ""],
    ["b", 2, ""],
  ];
  const table = sheet.tables.add(sheet.getRange("A1:C3"), true);
  table.name = "Sales";
  return table;
}

async function withSales() {
  const setup = excel();
  const table = queueSales(setup.sheet);
  await setup.context.sync();
  return { ...setup, table, sales: setup.workbook.table("Sales") as FakeTable };
}

/** Serial of 2021-06-30 (days since 1899-12-30, as Excel counts on Windows). */
const JUNE_30_2021 = 44_377;

describe("batches: operations run in order at sync; an invalid one fails there and stops the batch (excel-add-ins-core-concepts, excel-add-ins-error-handling)", () => {
  it("does nothing before sync, then carries out the queue in order", async () => {
    const { context, sheet, model, workbook } = excel();
    const a1 = sheet.getRange("A1");
    a1.values = [["first"]];
    const before = sheet.getRange("A1").load("values");
    a1.values = [["second"]];
    const after = sheet.getRange("A1").load("values");
    context.workbook.worksheets.add("Later");
    expect(model.getCell(0, 0)).toBeUndefined();
    expect(workbook.sheet("Later")).toBeUndefined();
    expect(() => before.values).toThrow(PropertyNotLoadedError);
    await context.sync();
    expect(before.values).toEqual([["first"]]);
    expect(after.values).toEqual([["second"]]);
    expect(workbook.sheet("Later")).toBeDefined();
  });

  it("keeps what ran before a failing operation, drops what came after, and names the statement", async () => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1").values = [["kept"]];
    sheet.getRange("A2").values = [["=1+"]];
    sheet.getRange("A3").values = [["dropped"]];
    await expect(context.sync()).rejects.toMatchObject({
      code: "InvalidArgument",
      debugInfo: {
        code: "InvalidArgument",
        statement: "worksheets.getItem('Sheet1').getRange('A2').values = …",
      },
    });
    expect(model.read(0, 0, 3, 1)).toEqual([["kept"], [""], [""]]);
    // The failed batch is gone: the next sync does not run its remains.
    await context.sync();
    expect(model.getCell(2, 0)).toBeUndefined();
  });

  it("delivers no load of a failed batch, though the load ran before the failure", async () => {
    const { context, sheet } = excel();
    const loaded = sheet.load("name");
    context.workbook.worksheets.getItem("Missing").load("name");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(() => loaded.name).toThrow(PropertyNotLoadedError);
    sheet.load("name");
    await context.sync();
    expect(sheet.name).toBe("Sheet1");
  });

  it.each([
    [
      "ItemNotFound",
      (c: FakeContext) => c.workbook.tables.getItem("Nope").load("name"),
      "tables.getItem('Nope')",
    ],
    [
      "ItemAlreadyExists",
      (c: FakeContext) => c.workbook.worksheets.add("SHEET1"),
      "worksheets.add('SHEET1')",
    ],
    ["InvalidArgument", (c: FakeContext) => c.workbook.worksheets.add("a/b"), "worksheets.add('a/b')"],
  ])("fails with %s and a debugInfo naming the statement", async (code, queue, statement) => {
    const { context } = excel();
    queue(context);
    await expect(context.sync()).rejects.toMatchObject({
      code,
      debugInfo: { code, statement: expect.stringContaining(statement) },
    });
  });
});

describe("formulas are checked when carried out: parse, and structured references name what exists then (excel-formula-check.ts: ClosedXML pull request 2251; support.microsoft.com 'How to correct a #NAME? error')", () => {
  it.each(["=SUM(1,", "=1+", '="unclosed', "=", "=SUM(1))", "=Sheet1!"])(
    "refuses the malformed %s",
    async (formula) => {
      const { context, sheet, model } = excel();
      sheet.getRange("A1").formulas = [[formula]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(model.getCell(0, 0)).toBeUndefined();
    },
  );

  it.each([
    "=SUM(1,2)",
    "=1+-2%",
    '="text with ""quotes"""',
    "=Sheet1!A1:B2",
    "={1,2;3,4}",
    "=NOTAFUNCTION(1)",
  ])("accepts %s", async (formula) => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1").formulas = [[formula]];
    await context.sync();
    expect(model.getCell(0, 0)?.formula).toBe(formula);
  });

  it("refuses a reference to a table that does not exist yet, even one created later in the batch", async () => {
    const { context, sheet, workbook } = excel();
    sheet.getRange("E1").formulas = [["=SUM(Sales[Amount])"]];
    queueSales(sheet);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(workbook.table("Sales")).toBeUndefined();
  });

  it("accepts the same formula once the table was created earlier in the same batch", async () => {
    const { context, sheet, model } = excel();
    queueSales(sheet);
    sheet.getRange("E1").formulas = [["=SUM(Sales[Amount])"]];
    await context.sync();
    expect(model.getCell(0, 4)?.formula).toBe("=SUM(Sales[Amount])");
  });

  it("refuses a column the table does not have, and [@Column] outside a table", async () => {
    const { context, sheet } = await withSales();
    sheet.getRange("E1").formulas = [["=SUM(Sales[Price])"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("E1").formulas = [["=[@Amount]*2"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("C2").formulas = [["=[@Amount]*2"]];
    sheet.getRange("E1").formulas = [["=SUM(Sales[[#Data],[Amount]])"]];
    await context.sync();
  });

  it("checks the formulas of defined names and validation rules the same way", async () => {
    const { context, sheet, workbook, model } = excel();
    context.workbook.names.add("Total", "=SUM(Sales[Amount])");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("E2").dataValidation.rule = { custom: { formula: "=E2<=MAX(Sales[Amount])" } };
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    context.workbook.names.add("Broken", "=1+");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(workbook.names.all).toEqual([]);
    queueSales(sheet);
    context.workbook.names.add("Total", "=SUM(Sales[Amount])");
    sheet.getRange("E2").dataValidation.rule = { custom: { formula: "=E2<=MAX(Sales[Amount])" } };
    await context.sync();
    expect(workbook.names.find("total")?.rawFormula).toBe("=SUM(Sales[Amount])");
    expect(model.validations).toHaveLength(1);
  });

  it("accepts a defined name that does not exist yet (#NAME? until it does)", async () => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1").formulas = [["=Rate*2"]];
    context.workbook.names.add("Later", "=Rate+1");
    await context.sync();
    expect(model.getCell(0, 0)?.formula).toBe("=Rate*2");
  });

  it("refuses a list validation whose source name does not exist or is not a range, and accepts it once the name refers to cells (excel-add-ins-data-validation)", async () => {
    const { context, sheet, model } = excel();
    const rule = (source: string) => ({ list: { inCellDropDown: true, source } });
    sheet.getRange("A1").dataValidation.rule = rule("=Choices");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    context.workbook.names.add("Choices", "=5");
    await context.sync();
    sheet.getRange("A1").dataValidation.rule = rule("=Choices");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(model.validations).toEqual([]);
    context.workbook.names.add("Options", sheet.getRange("D1:D3"));
    sheet.getRange("A1").dataValidation.rule = rule("=Options");
    await context.sync();
    expect(model.validations).toEqual([{ row: 0, column: 0, rows: 1, rule: rule("=Options") }]);
  });
});

describe("names: sheets (support.microsoft.com 'Rename a worksheet'), tables and defined names (support.microsoft.com 'Names in formulas', 'Rename an Excel table')", () => {
  it.each([
    ["32 characters", "x".repeat(32)],
    ["a colon", "a:b"],
    ["a backslash", "a\\b"],
    ["a slash", "a/b"],
    ["a question mark", "a?"],
    ["an asterisk", "a*"],
    ["an opening bracket", "a[b"],
    ["a closing bracket", "a]b"],
    ["nothing", ""],
    ["only spaces", "   "],
    ["a leading apostrophe", "'quoted"],
    ["a trailing apostrophe", "quoted'"],
    ["History", "History"],
    ["HISTORY", "HISTORY"],
    ["history", "history"],
  ])("refuses a sheet name with %s, added or renamed", async (_, name) => {
    const { context, sheet, workbook } = excel();
    context.workbook.worksheets.add(name);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.name = name;
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(workbook.sheets.map((s) => s.rawName)).toEqual(["Sheet1"]);
  });

  it.each(["x".repeat(31), "Bob's (2021)", "History2", "数据 2021", "a.b-c_d"])(
    "accepts the sheet name %s",
    async (name) => {
      const { context, workbook } = excel();
      context.workbook.worksheets.add(name);
      await context.sync();
      expect(workbook.sheet(name)?.rawName).toBe(name);
    },
  );

  it("refuses a sheet name already used, whatever its case, but renames a sheet to its own name", async () => {
    const { context, sheet, workbook } = excel();
    context.workbook.worksheets.add("Data");
    await context.sync();
    context.workbook.worksheets.add("DATA");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    sheet.name = "data";
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    sheet.name = "SHEET1";
    await context.sync();
    expect(workbook.sheets.map((s) => s.rawName)).toEqual(["SHEET1", "Data"]);
  });

  it.each(["1Sales", "Sales 2021", "A1", "xfd100", "R1C1", "r", "C", "Sales-2021", "x".repeat(256)])(
    "refuses the table name %s",
    async (name) => {
      const { context, table, workbook } = await withSales();
      table.name = name;
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(workbook.table("Sales")).toBeDefined();
    },
  );

  it.each(["_Sales.2021", "\\Sales", "销售", "Rc1x"])("accepts the table name %s", async (name) => {
    const { context, table, sales } = await withSales();
    table.name = name;
    await context.sync();
    expect(sales.rawName).toBe(name);
  });

  it("keeps table names unique in the workbook, in one namespace with defined names", async () => {
    const { context, workbook, table } = await withSales();
    const other = context.workbook.worksheets.add("Other");
    other.getRange("A1:A2").values = [["Key"], [1]];
    const second = other.tables.add(other.getRange("A1:A2"), true);
    context.workbook.names.add("Budget", "=100");
    await context.sync();
    second.name = "SALES";
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    second.name = "budget";
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    context.workbook.names.add("sales", "=1");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    context.workbook.names.add("1st", "=1");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    second.name = "Keys";
    table.name = "SALES";
    await context.sync();
    expect(workbook.allTables.map((t) => t.rawName)).toEqual(["SALES", "Keys"]);
  });

  it("looks sheets, tables, columns and names up whatever their case", async () => {
    const { context } = await withSales();
    context.workbook.names.add("Rate", "=0.1");
    await context.sync();
    const sheet = context.workbook.worksheets.getItem("SHEET1").load("name");
    const table = context.workbook.tables.getItem("sales").load("name");
    const onSheet = sheet.tables.getItem("SALES").load("name");
    const column = table.columns.getItem("AMOUNT").load("name,index");
    const name = context.workbook.names.getItem("rate").load("name");
    const maybe = [
      context.workbook.worksheets.getItemOrNullObject("sheet1"),
      context.workbook.tables.getItemOrNullObject("SaLeS"),
      context.workbook.names.getItemOrNullObject("RATE"),
    ].map((item) => item.load("isNullObject"));
    await context.sync();
    expect([sheet.name, table.name, onSheet.name, column.name, name.name]).toEqual([
      "Sheet1",
      "Sales",
      "Sales",
      "Amount",
      "Rate",
    ]);
    expect(column.index).toBe(1);
    expect(maybe.map((item) => item.isNullObject)).toEqual([false, false, false]);
  });

  it.each([
    ["a sheet", (c: FakeContext) => c.workbook.worksheets.getItem("Nope").load("name")],
    ["a table", (c: FakeContext) => c.workbook.tables.getItem("Nope").load("name")],
    [
      "a table on a sheet",
      (c: FakeContext) => c.workbook.worksheets.getItem("Sheet1").tables.getItem("Nope").load("name"),
    ],
    ["a column", (c: FakeContext) => c.workbook.tables.getItem("Sales").columns.getItem("Nope").load("name")],
    ["a name", (c: FakeContext) => c.workbook.names.getItem("Nope").load("name")],
  ])("fails getItem of %s that is missing with ItemNotFound, at sync", async (_, queue) => {
    const { context } = await withSales();
    expect(() => queue(context)).not.toThrow();
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("gives a null object for getItemOrNullObject of a missing sheet, table or name", async () => {
    const { context } = await withSales();
    const items = [
      context.workbook.worksheets.getItemOrNullObject("Nope"),
      context.workbook.tables.getItemOrNullObject("Nope"),
      context.workbook.names.getItemOrNullObject("Nope"),
    ].map((item) => item.load("isNullObject"));
    await context.sync();
    expect(items.map((item) => item.isNullObject)).toEqual([true, true, true]);
  });
});

describe("cells: what a write does to a cell (excel-add-ins-blank-null-values; Range.values remarks; 'Excel specifications and limits'; office-js issue 6687)", () => {
  it('clears a cell with "" (keeping its format) and leaves it as it is with null', async () => {
    const { context, sheet, model } = excel();
    model.setCell(0, 0, { value: "a" });
    model.setCell(0, 1, { value: "b" });
    model.setCell(0, 2, { value: 5, numberFormat: "0.00" });
    sheet.getRange("A1:C1").values = [[null, "", ""]] as unknown as string[][];
    await context.sync();
    expect(model.getCell(0, 0)).toEqual({ value: "a" });
    expect(model.getCell(0, 1)).toBeUndefined();
    expect(model.getCell(0, 2)).toEqual({ value: "", numberFormat: "0.00" });
  });

  it.each([
    ["00123", 123],
    ["50%", 0.5],
    ["2021-06-30", JUNE_30_2021],
    ["2021/6/30", JUNE_30_2021],
    ["6/30/2021", JUNE_30_2021],
    ["2021年6月30日", JUNE_30_2021],
    ["TRUE", true],
    ["false", false],
    ["310101199001011234", 310101199001011000],
    ["-5", -5],
    ["plain text", "plain text"],
    ["2021-02-30", "2021-02-30"],
  ])("types %s into a General cell as %p", async (typed, value) => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1").values = [[typed]];
    await context.sync();
    expect(model.getCell(0, 0)?.value).toBe(value);
    expect(model.getCell(0, 0)?.formula).toBeUndefined();
  });

  it.each(["00123", "50%", "2021-06-30", "TRUE", "310101199001011234", "=1+1", "+abc"])(
    'keeps %s as text in a cell formatted "@"',
    async (typed) => {
      const { context, sheet, model } = excel();
      sheet.getRange("A1").numberFormat = [["@"]];
      sheet.getRange("A1").values = [[typed]];
      await context.sync();
      expect(model.getCell(0, 0)).toEqual({ value: typed, numberFormat: "@" });
    },
  );

  it("keeps text after a leading apostrophe as text, without the apostrophe", async () => {
    const { context, sheet, model } = excel();
    const range = sheet.getRange("A1:C1");
    range.values = [["'00123", "'=1+1", "'2021-06-30"]];
    const read = sheet.getRange("A1:C1").load("values,formulas");
    await context.sync();
    expect(model.read(0, 0, 1, 3)).toEqual([["00123", "=1+1", "2021-06-30"]]);
    expect(model.getCell(0, 1)?.formula).toBeUndefined();
    expect(read.values).toEqual([["00123", "=1+1", "2021-06-30"]]);
    expect(read.formulas).toEqual([["00123", "=1+1", "2021-06-30"]]);
  });

  it('turns "=..." and "+abc" into formulas', async () => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1:B1").values = [["=1+1", "+abc"]];
    await context.sync();
    expect(model.getCell(0, 0)?.formula).toBe("=1+1");
    expect(model.getCell(0, 1)?.formula).toBe("=+abc");
  });

  it.each([
    ["32,768 ASCII characters", "x".repeat(32_768)],
    ["16,384 emoji (32,768 code units)", "😀".repeat(16_384)],
  ])(`refuses more than ${MAX_CELL_CHARACTERS} UTF-16 code units in a cell: %s`, async (_, tooLong) => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1").values = [[tooLong]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(model.getCell(0, 0)).toBeUndefined();
  });

  it(`accepts exactly ${MAX_CELL_CHARACTERS} UTF-16 code units`, async () => {
    const { context, sheet, model } = excel();
    const fits = ["x".repeat(32_767), `x${"😀".repeat(16_383)}`];
    sheet.getRange("A1:B1").values = [fits];
    await context.sync();
    expect(model.read(0, 0, 1, 2)).toEqual([fits]);
  });
});

describe("tables: calculated columns and rows.add (office-js issues 2093, 5909, 6745)", () => {
  const FORMULA = "=[@Amount]*2";

  it("makes a formula written to the whole data column a calculated column that fills added rows", async () => {
    const { context, table, sales } = await withSales();
    table.columns.getItem("Double").getDataBodyRange().formulas = [[FORMULA], [FORMULA]];
    table.rows.add(null, [["c", 3, null]]);
    await context.sync();
    expect(sales.calculated.get(2)).toBe(FORMULA);
    expect(sales.dataFormulas().map((row) => row[2])).toEqual([FORMULA, FORMULA, FORMULA]);
    expect(sales.dataValues()[2].slice(0, 2)).toEqual(["c", 3]);
  });

  it("does not make a column calculated from a formula in part of it", async () => {
    const { context, sheet, table, sales } = await withSales();
    sheet.getRange("C2").formulas = [[FORMULA]];
    table.rows.add(null, [["c", 3, null]]);
    await context.sync();
    expect(sales.calculated.size).toBe(0);
    expect(sales.dataFormulas().map((row) => row[2])).toEqual([FORMULA, undefined, undefined]);
  });

  it("refuses differing formulas in one column, written together or one after another", async () => {
    const { context, sheet, table, sales } = await withSales();
    table.columns.getItem("Double").getDataBodyRange().formulas = [[FORMULA], ["=[@Amount]*3"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("C2").formulas = [[FORMULA]];
    await context.sync();
    sheet.getRange("C3").formulas = [["=[@Amount]*3"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("C3").formulas = [[FORMULA]];
    await context.sync();
    expect(sales.dataFormulas().map((row) => row[2])).toEqual([FORMULA, FORMULA]);
  });

  it("refuses rows.add with formulas differing from each other or from the column's (issue 6745)", async () => {
    const { context, sheet, table, sales } = await withSales();
    table.rows.add(null, [
      ["c", 3, "=1+1"],
      ["d", 4, "=1+2"],
    ]);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("C2").formulas = [[FORMULA]];
    table.rows.add(null, [["c", 3, "=[@Amount]*3"]]);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(sales.rowCountRaw).toBe(2);
    table.rows.add(null, [
      ["c", 3, FORMULA],
      ["d", 4, 8],
    ]);
    await context.sync();
    expect(sales.dataFormulas().map((row) => row[2])).toEqual([FORMULA, undefined, FORMULA, undefined]);
  });

  it.each([
    ["a value", 6],
    ["an empty string", ""],
    ["the same formula", FORMULA],
  ])("refuses %s in a calculated column on rows.add", async (_, item) => {
    const { context, table, sales } = await withSales();
    table.columns.getItem("Double").getDataBodyRange().formulas = [[FORMULA], [FORMULA]];
    await context.sync();
    table.rows.add(null, [["c", 3, item]]);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(sales.rowCountRaw).toBe(2);
  });

  it("gives added rows the column's number format, validation and conditional formats", async () => {
    const { context, table, model, sales } = await withSales();
    const amount = table.columns.getItem("Amount").getDataBodyRange();
    amount.numberFormat = [["0.00"], ["0.00"]];
    amount.dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
    amount.dataValidation.prompt = { title: "Amount", message: "In yuan" };
    amount.conditionalFormats.add("DataBar");
    table.rows.add(null, [
      ["c", "3", null],
      ["d", 4, null],
    ]);
    await context.sync();
    expect(model.getCell(3, 1)).toEqual({ value: 3, numberFormat: "0.00" });
    expect(model.getCell(4, 1)).toEqual({ value: 4, numberFormat: "0.00" });
    expect(model.validations.map((v) => [v.row, v.column, v.rows])).toEqual([[1, 1, 4]]);
    expect(model.prompts.map((p) => [p.row, p.column, p.rows])).toEqual([[1, 1, 4]]);
    expect(model.conditionalFormats.map((f) => [f.row, f.column, f.rows, f.type])).toEqual([
      [1, 1, 4, "DataBar"],
    ]);
    expect(model.getCell(3, 0)?.numberFormat).toBeUndefined();
    expect(sales.rowCountRaw).toBe(4);
  });
});

describe("tables: a column inserted at an index moves the columns after it (TableColumnCollection.add: 'Columns with a higher index will be shifted to the side'; ExcelApi 1.1 needs an index below the column count)", () => {
  const FORMULA = "=[@Amount]*2";

  it("inserts a blank column there, moving cells, formats, rules, calculated columns and names with their cells", async () => {
    const { context, workbook, table, model, sales } = await withSales();
    const double = table.columns.getItem("Double").getDataBodyRange();
    double.formulas = [[FORMULA], [FORMULA]];
    double.numberFormat = [["0.0"], ["0.0"]];
    double.conditionalFormats.add("DataBar");
    double.format.horizontalAlignment = "Center";
    context.workbook.names.add("Doubles", "='Sheet1'!$C$2:$C$3");
    table.columns.add(1, undefined, "Note");
    table.rows.add(null, [["c", "", 3, null]]);
    await context.sync();
    expect(sales.headers()).toEqual(["Item", "Note", "Amount", "Double"]);
    expect(sales.dataValues().map((row) => row.slice(0, 3))).toEqual([
      ["a", "", 1],
      ["b", "", 2],
      ["c", "", 3],
    ]);
    expect(sales.dataFormulas().map((row) => row[3])).toEqual([FORMULA, FORMULA, FORMULA]);
    expect(model.getCell(1, 3)).toEqual({ value: "", formula: FORMULA, numberFormat: "0.0" });
    expect(model.conditionalFormats.map((f) => [f.row, f.column, f.rows])).toEqual([[1, 3, 3]]);
    expect(model.formats.map((f) => f.address)).toEqual(["Sheet1!D2:D3"]);
    expect(workbook.names.find("Doubles")!.rawFormula).toBe("='Sheet1'!$D$2:$D$3");
  });

  it("refuses an index at or past the column count (append with null), and a column that would move what lies right of the table", async () => {
    const { context, sheet, table, sales } = await withSales();
    table.columns.add(3, undefined, "Past");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("E2").values = [["beside"]];
    await context.sync();
    table.columns.add(0, undefined, "First");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(sales.headers()).toEqual(["Item", "Amount", "Double"]);
  });

  it("refuses to move a cell an A1 reference points at, or a name partly over the moving cells", async () => {
    const { context, sheet, table } = await withSales();
    sheet.getRange("A5").formulas = [["=B2*2"]];
    await context.sync();
    table.columns.add(1, undefined, "Note");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    sheet.getRange("A5").formulas = [["=A2&SUM(Sales[Amount])"]];
    context.workbook.names.add("Across", "='Sheet1'!$A$2:$B$2");
    await context.sync();
    table.columns.add(1, undefined, "Note");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("rows: whole rows inserted with Range.insert down move everything below them (ExcelApi 1.1; excel-add-ins-ranges-insert: 'Existing cells move to accommodate the new empty cells')", () => {
  it("moves cells, tables, rules, formats, names and charts down; frozen rows over the insertion become unknown", async () => {
    const { context, sheet, table, model, workbook, sales } = await withSales();
    table.columns.getItem("Amount").getDataBodyRange().conditionalFormats.add("DataBar");
    sheet.getRange("A1").format.horizontalAlignment = "Center";
    context.workbook.names.add("Amounts", "='Sheet1'!$B$2:$B$3");
    sheet.getRange("A5").formulas = [["=SUM(Sales[Amount])"]];
    const chart = sheet.charts.add("Line", sheet.getRange("A1:B3"), "Columns");
    chart.setPosition("E2", "J10");
    sheet.freezePanes.freezeRows(1);
    await context.sync();
    sheet.getRange("1:1").insert("Down");
    await context.sync();
    expect([sales.headerRow, sales.column]).toEqual([1, 0]);
    expect(sales.dataValues().map((row) => row.slice(0, 2))).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(model.getCell(0, 0)).toBeUndefined();
    expect(model.getCell(5, 0)?.formula).toBe("=SUM(Sales[Amount])");
    expect(model.conditionalFormats.map((f) => [f.row, f.column, f.rows])).toEqual([[2, 1, 2]]);
    expect(model.formats.map((f) => f.address)).toEqual(["Sheet1!A2"]);
    expect(workbook.names.find("Amounts")!.rawFormula).toBe("='Sheet1'!$B$3:$B$4");
    expect([model.charts.all[0].source.row, model.charts.all[0].position]).toEqual([1, ["E3", "J11"]]);
    expect(model.frozenRows).toBeNaN();
  });

  it("refuses an A1 reference to a moving cell, a table the rows would cut through, a part of a row, and cells pushed off the sheet", async () => {
    const { context, sheet, model } = await withSales();
    sheet.getRange("E1").formulas = [["=B2*2"]];
    await context.sync();
    sheet.getRange("1:1").insert("Down");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    sheet.getRange("E1").formulas = [[""]];
    sheet.getRange("2:2").insert("Down");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    sheet.getRange("A1:C1").insert("Down");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    model.setCell(1_048_575, 0, { value: "last" });
    sheet.getRange("1:1").insert("Down");
    await expect(context.sync()).rejects.toThrow(/cannot shift nonblank cells off/);
    model.setCell(1_048_575, 0, undefined);
    sheet.getRange("1:1").insert("Down");
    await context.sync();
    expect(model.getCell(1, 0)).toEqual({ value: "Item" });
  });
});

describe("tables: TableRow.delete deletes a row of the data body and moves the rows below it up (ExcelApi 1.1); a TableRow is a position, not the data (TableRowCollection.getItemAt)", () => {
  async function withFourRows() {
    const setup = await withSales();
    setup.table.rows.add(null, [
      ["c", 3, ""],
      ["d", 4, ""],
    ]);
    await setup.context.sync();
    return setup;
  }

  it("moves the rows below up, with their formats and names; a rule over the column loses the row", async () => {
    const { context, workbook, table, model, sales } = await withFourRows();
    const amount = table.columns.getItem("Amount").getDataBodyRange();
    amount.dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
    context.workbook.names.add("LastAmount", "='Sheet1'!$B$5");
    context.workbook.names.add("Header", "='Sheet1'!$A$1");
    model.setCell(4, 1, { value: 4, numberFormat: "0.00" });
    table.rows.getItemAt(1).delete();
    await context.sync();
    expect(sales.dataValues().map((row) => row.slice(0, 2))).toEqual([
      ["a", 1],
      ["c", 3],
      ["d", 4],
    ]);
    expect(model.getCell(3, 1)).toEqual({ value: 4, numberFormat: "0.00" });
    expect(model.getCell(4, 0)).toBeUndefined();
    expect(model.validations.map((v) => [v.row, v.column, v.rows])).toEqual([[1, 1, 3]]);
    expect(workbook.names.find("LastAmount")!.rawFormula).toBe("='Sheet1'!$B$4");
    expect(workbook.names.find("Header")!.rawFormula).toBe("='Sheet1'!$A$1");
  });

  it("keeps each TableRow at its position: deleting top-down skips a row, bottom-up does not", async () => {
    const topDown = await withFourRows();
    topDown.table.rows.getItemAt(1).delete();
    topDown.table.rows.getItemAt(2).delete();
    await topDown.context.sync();
    expect(topDown.sales.dataValues().map((row) => row[0])).toEqual(["a", "c"]);
    const bottomUp = await withFourRows();
    bottomUp.table.rows.getItemAt(2).delete();
    bottomUp.table.rows.getItemAt(1).delete();
    await bottomUp.context.sync();
    expect(bottomUp.sales.dataValues().map((row) => row[0])).toEqual(["a", "d"]);
  });

  it("refuses a row outside the table, the only row, a name on the deleted row, and what lies below the table", async () => {
    const { context, sheet, table, sales } = await withFourRows();
    table.rows.getItemAt(4).delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    context.workbook.names.add("Second", "='Sheet1'!$A$3");
    await context.sync();
    table.rows.getItemAt(1).delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    context.workbook.names.getItem("Second").delete();
    sheet.getRange("B7").values = [["below"]];
    await context.sync();
    table.rows.getItemAt(0).delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(sales.rowCountRaw).toBe(4);

    const single = excel();
    single.sheet.getRange("A1:A2").values = [["Only"], ["x"]];
    const one = single.sheet.tables.add(single.sheet.getRange("A1:A2"), true);
    one.rows.getItemAt(0).delete();
    await expect(single.context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("requests and responses: at most 5 MB each, JSON with non-ASCII at six bytes (resource-limits-and-performance-optimization)", () => {
  /** "Payload size limit for requests and responses of 5 MB", as the double counts it. */
  const FIVE_MB = 5 * 1024 * 1024;
  const big = "x".repeat(MAX_CELL_CHARACTERS);
  /** Rows of one maximal cell each, enough to pass the limit. */
  const overLimit = Math.ceil(FIVE_MB / payloadBytes(big)) + 1;

  it("measures non-ASCII characters at six bytes, as \\uXXXX", () => {
    expect(payloadBytes("a")).toBe(3);
    expect(payloadBytes("中")).toBe(8);
    expect(payloadBytes("😀")).toBe(14);
    expect(payloadBytes([["ab", 1]])).toBe(10);
  });

  it("fails a request above 5 MB with RequestPayloadSizeLimitExceeded and applies nothing of it", async () => {
    const { context, sheet, model } = excel();
    sheet.getRange("B1").values = [["small"]];
    const loaded = sheet.load("name");
    sheet.getRangeByIndexes(0, 0, overLimit, 1).values = Array.from({ length: overLimit }, () => [big]);
    await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(context.requestBytes[0]).toBeGreaterThan(FIVE_MB);
    expect(model.cells.size).toBe(0);
    expect(() => loaded.name).toThrow(PropertyNotLoadedError);
  });

  it("accepts a request just under 5 MB", async () => {
    const { context, sheet, model } = excel();
    const rows = overLimit - 2;
    sheet.getRangeByIndexes(0, 0, rows, 1).values = Array.from({ length: rows }, () => [big]);
    await context.sync();
    expect(context.requestBytes[0]).toBeLessThanOrEqual(FIVE_MB);
    expect(context.requestBytes[0]).toBeGreaterThan(FIVE_MB - 2 * payloadBytes(big));
    expect(model.cells.size).toBe(rows);
  });

  it("counts non-ASCII text at six bytes: the same length passes in ASCII and fails in Chinese", async () => {
    const cells = Math.ceil(FIVE_MB / payloadBytes("中".repeat(MAX_CELL_CHARACTERS)));
    const write = (text: string) => {
      const { context, sheet } = excel();
      sheet.getRangeByIndexes(0, 0, cells, 1).values = Array.from({ length: cells }, () => [text]);
      return context.sync();
    };
    await write("x".repeat(MAX_CELL_CHARACTERS));
    await expect(write("中".repeat(MAX_CELL_CHARACTERS))).rejects.toMatchObject({
      code: "RequestPayloadSizeLimitExceeded",
    });
  });

  it("fails a response above 5 MB and delivers none of it; a smaller one arrives", async () => {
    const { context, sheet, model } = excel();
    for (let row = 0; row < overLimit; row++) model.setCell(row, 0, { value: big });
    const all = sheet.getRangeByIndexes(0, 0, overLimit, 1).load("values");
    await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(context.failures).toEqual(["ResponsePayloadSizeLimitExceeded"]);
    expect(() => all.values).toThrow(PropertyNotLoadedError);
    const some = sheet.getRangeByIndexes(0, 0, overLimit - 2, 1).load("values");
    await context.sync();
    expect(some.values).toHaveLength(overLimit - 2);
  });

  it("records the request and response size of every sync", async () => {
    const { context, sheet } = excel();
    const data = [["中文", 1]];
    sheet.getRange("A1:B1").values = data;
    await context.sync();
    const range = sheet.getRange("A1:B1").load("values");
    await context.sync();
    await context.sync();
    expect(context.requestBytes).toHaveLength(3);
    expect(context.responseBytes).toEqual([0, payloadBytes({ values: data }), 0]);
    expect(context.requestBytes[0]).toBeGreaterThan(payloadBytes(data));
    expect(context.requestBytes[2]).toBe(0);
    expect(range.values).toEqual(data);
  });
});

describe("data validation: prompt limits and one rule per cell (ms-oi29500 2.1.613 dataValidation; excel-add-ins-data-validation)", () => {
  it.each([
    ["a title of 33 characters", { title: "t".repeat(33), message: "" }],
    ["a message of 256 characters", { title: "", message: "m".repeat(256) }],
  ])("refuses a prompt with %s", async (_, prompt) => {
    const { context, sheet, model } = excel();
    sheet.getRange("A1:A5").dataValidation.prompt = { showPrompt: true, ...prompt };
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(model.prompts).toEqual([]);
  });

  it("accepts a prompt of 32 and 255 characters", async () => {
    const { context, sheet, model } = excel();
    const prompt = { showPrompt: true, title: "t".repeat(32), message: "m".repeat(255) };
    sheet.getRange("A1:A5").dataValidation.prompt = prompt;
    await context.sync();
    expect(model.prompts).toEqual([{ row: 0, column: 0, rows: 5, prompt }]);
  });

  it("refuses a rule over cells that already have one until they are cleared", async () => {
    const { context, sheet, model } = excel();
    const whole = (formula1: number) => ({ wholeNumber: { formula1, operator: "GreaterThan" } });
    sheet.getRange("A1:A5").dataValidation.rule = whole(0);
    await context.sync();
    sheet.getRange("A5:A9").dataValidation.rule = whole(1);
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("A6:A9").dataValidation.rule = whole(1);
    await context.sync();
    sheet.getRange("A1:A5").dataValidation.clear();
    sheet.getRange("A1:A5").dataValidation.rule = whole(2);
    await context.sync();
    expect(model.validations.map((v) => [v.row, v.rows, v.rule])).toEqual([
      [5, 4, whole(1)],
      [0, 5, whole(2)],
    ]);
  });

  it("refuses a rule over cells that already carry a prompt (office-js issue 2594), not the reverse order", async () => {
    const { context, sheet, model } = excel();
    const rule = { list: { inCellDropDown: true, source: "a,b" } };
    const prompt = { showPrompt: true, title: "Pick", message: "a or b" };
    sheet.getRange("B5:B10").dataValidation.prompt = prompt;
    sheet.getRange("B1:B10").dataValidation.rule = rule;
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.getRange("C1:C10").dataValidation.rule = rule;
    sheet.getRange("C1:C10").dataValidation.prompt = prompt;
    await context.sync();
    expect(model.validations.filter((v) => v.column === 2)).toHaveLength(1);
  });
});

describe("calculation suspension: Application.suspendApiCalculationUntilNextSync (ExcelApi 1.6) holds for that sync only", () => {
  it("counts the sync it was queued in, not the next", async () => {
    const { context, workbook } = excel();
    await context.sync();
    expect(workbook.suspendedSyncs).toBe(0);
    context.workbook.application.suspendApiCalculationUntilNextSync();
    await context.sync();
    expect(workbook.suspendedSyncs).toBe(1);
    await context.sync();
    expect(workbook.suspendedSyncs).toBe(1);
  });
});

describe("workbook structure protection (Review > Protect Workbook) refuses new sheets", () => {
  it("refuses worksheets.add while protected and accepts it once unprotected", async () => {
    const { context, workbook } = excel();
    workbook.protected = true;
    context.workbook.worksheets.add("New");
    await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(workbook.sheet("New")).toBeUndefined();
    workbook.protected = false;
    context.workbook.worksheets.add("New");
    await context.sync();
    expect(workbook.sheet("New")).toBeDefined();
  });
});

describe("the selection: Workbook.getSelectedRange (ExcelApi 1.1) gives one range, and fails with InvalidSelection for several or for a chart (excel.workbook getSelectedRange; office-js-docs-pr issue 2477; office-js issues 2268, 8)", () => {
  it("gives the one selected range; a test that sets none is told so", async () => {
    const { context, workbook } = excel();
    workbook.addSheet("Other");
    context.workbook.getSelectedRange().load("address");
    await expect(context.sync()).rejects.toThrow(/selection was not set/);
    workbook.select("Other", "B2:C4");
    const selected = context.workbook.getSelectedRange().load("address,rowCount,columnCount");
    const sheet = selected.worksheet.load("name");
    await context.sync();
    expect([selected.address, selected.rowCount, selected.columnCount, sheet.name]).toEqual([
      "Other!B2:C4",
      3,
      2,
      "Other",
    ]);
  });

  it.each([
    ["several areas", (workbook: FakeWorkbook) => workbook.select("Sheet1", "A1", "C3")],
    ["a chart or a picture", (workbook: FakeWorkbook) => void (workbook.selection = "object")],
  ])("refuses a selection of %s at sync", async (_, select) => {
    const { context, workbook } = excel();
    select(workbook);
    context.workbook.getSelectedRange().load("address");
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidSelection" });
  });
});

describe("data bars: each end is a ConditionalDataBarRule, a type and, for Number, Percent, Formula and Percentile, a value (excel.conditionaldatabarrule)", () => {
  it.each([
    ["an unknown type", { type: "Fixed", formula: "0" }],
    ["Number without its value", { type: "Number" }],
    ["Number with text", { type: "Number", formula: "zero" }],
  ])("refuses %s", async (_, rule) => {
    const { context, sheet } = excel();
    const format = sheet.getRange("A1:A5").conditionalFormats.add("DataBar") as {
      dataBar: { lowerBoundRule: unknown };
    };
    format.dataBar.lowerBoundRule = rule;
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("accepts fixed ends from 0 to 1, and records them", async () => {
    const { context, sheet, model } = excel();
    const format = sheet.getRange("A1:A5").conditionalFormats.add("DataBar") as {
      dataBar: { lowerBoundRule: unknown; upperBoundRule: unknown };
    };
    format.dataBar.lowerBoundRule = { type: "Number", formula: "0" };
    format.dataBar.upperBoundRule = { type: "Number", formula: "1" };
    await context.sync();
    expect(model.conditionalFormats[0].settings).toEqual({
      "dataBar.lowerBoundRule": { type: "Number", formula: "0" },
      "dataBar.upperBoundRule": { type: "Number", formula: "1" },
    });
  });
});
