/**
 * The formula evaluator the native-formula contract relies on: Excel's precedence, coercions,
 * COUNTIFS criteria, lookups and custom functions, and a loud failure for anything outside its subset.
 */
import { isoToSerial as d } from "../../src/core/dates";
import * as fns from "../../src/functions/functions";
import {
  type Cell,
  evaluateFormula,
  evaluateTemplate,
  evaluationOrder,
  FormulaError,
  formulaFunctions,
  formulaReferences,
  parseFormula,
  tableRecords,
  type WorkbookModel,
} from "./formula-engine";

/** tblA: a register-like table; tblB: a lookup table. */
function workbook(): WorkbookModel {
  return {
    tables: new Map([
      [
        "tblA",
        {
          columns: ["Goal", "Status", "Date", "N", "Odd [x] #1's"],
          rows: [
            ["Brands", "Recognized", d("2021-01-01"), 3, "first"],
            ["brands", "recognized", null, 4, null],
            ["Brands", "Candidate", d("2021-06-30"), "5", ""],
            ["Platforms", "Recognized", d("2022-01-01") + 0.75, true, "x"],
            ["Platforms", "Recognized", "", null, 12],
            ["Brands", "Recognized", "2021-01-01", "n/a", "a*b"],
          ],
        },
      ],
      [
        "tblB",
        {
          columns: ["Id", "Value"],
          rows: [
            ["ONE", 1],
            ["TWO", "two"],
            ["THREE", null],
          ],
        },
      ],
      ["tblEmpty", { columns: ["Goal"], rows: [] }],
    ]),
    names: new Map<string, Cell>([["AsOfDate", d("2021-06-30") + 0.5]]),
  };
}

const evaluate = (formula: string, row = 0, model = workbook()) =>
  evaluateFormula(formula, model, { table: "tblA", row });

const error = (code: string) => new FormulaError(code as FormulaError["code"]);

describe("operators", () => {
  it.each([
    ["=1+2*3", 7],
    ["=(1+2)*3", 9],
    ["=2-3-4", -5],
    ["=8/2/2", 2],
    ["=-2*3", -6],
    ["=-(2+3)", -5],
    ["=--4", 4],
    ["=1+2&3", "33"],
    ["=1&2+3", "15"],
    ["=1+1=2", true],
    ["=1+1=3", false],
    ["=1<2=TRUE", true],
    ['="a"&1="A1"', true],
    ["=2*3>=6", true],
    ["=2*3>6", false],
    ["=5<>5", false],
    ["=4<=3", false],
    ["= 1 + 2 ", 3],
  ])("%s = %p", (formula, expected) => {
    expect(evaluate(formula)).toEqual(expected);
  });

  it("joins text with &, writing numbers as Excel's General format does", () => {
    expect(evaluate('="<"&(1+1)')).toBe("<2");
    expect(evaluate('="<"&(INT(AsOfDate)+1)')).toBe(`<${d("2021-06-30") + 1}`);
    expect(evaluate('=0.1+0.2&""')).toBe("0.3");
    expect(evaluate('=1/3&""')).toBe("0.333333333333333");
    expect(evaluate('=TRUE&"!"')).toBe("TRUE!");
    expect(evaluate('=tblA[[#This Row],[N]]&"x"', 4)).toBe("x");
  });

  it('reads text literals with "" as a quote', () => {
    expect(evaluate('="say ""hi"""')).toBe('say "hi"');
    expect(evaluate('=""""')).toBe('"');
    expect(evaluate('=""')).toBe("");
  });

  it("compares text case-insensitively, numbers below text below booleans, blanks as 0 or empty text", () => {
    expect(evaluate('="abc"="ABC"')).toBe(true);
    expect(evaluate('="a"<"B"')).toBe(true);
    expect(evaluate('=1<"a"')).toBe(true);
    expect(evaluate('="z"<TRUE')).toBe(true);
    expect(evaluate('=1="1"')).toBe(false);
    expect(evaluate("=tblA[[#This Row],[N]]=0", 4)).toBe(true);
    expect(evaluate('=tblA[[#This Row],[N]]=""', 4)).toBe(true);
    expect(evaluate("=tblA[[#This Row],[N]]=FALSE", 4)).toBe(true);
  });

  it("coerces in arithmetic: blanks 0, booleans 1/0, numeric text; other text is #VALUE!", () => {
    expect(evaluate("=tblA[[#This Row],[N]]+1", 4)).toBe(1);
    expect(evaluate("=tblA[[#This Row],[N]]+1", 3)).toBe(2);
    expect(evaluate("=tblA[[#This Row],[N]]*2", 2)).toBe(10);
    expect(evaluate('="x"+1')).toEqual(error("#VALUE!"));
    expect(evaluate("=-tblA[[#This Row],[Goal]]")).toEqual(error("#VALUE!"));
  });

  it("divides by zero to #DIV/0! and carries errors through operators and functions", () => {
    expect(evaluate("=1/0")).toEqual(error("#DIV/0!"));
    expect(evaluate("=1/0+1")).toEqual(error("#DIV/0!"));
    expect(evaluate('=1/0&"x"')).toEqual(error("#DIV/0!"));
    expect(evaluate("=1/0=1")).toEqual(error("#DIV/0!"));
    expect(evaluate("=MAX(0,1/0)")).toEqual(error("#DIV/0!"));
    expect(evaluate("=INT(-(1/0))")).toEqual(error("#DIV/0!"));
  });
});

describe("references", () => {
  it("reads names and this-row cells, with ' escapes in column names", () => {
    expect(evaluate("=AsOfDate")).toBe(d("2021-06-30") + 0.5);
    expect(evaluate("=asofdate")).toBe(d("2021-06-30") + 0.5);
    expect(evaluate("=tblA[[#This Row],[N]]", 1)).toBe(4);
    expect(evaluate("=TBLA[[#This Row],[n]]", 1)).toBe(4);
    expect(evaluate("=tblA[[#This Row],[Odd '[x'] '#1''s]]")).toBe("first");
    expect(evaluate("=tblA[[#this row], [Goal]]", 3)).toBe("Platforms");
  });

  it("uses whole columns in functions, an emptied table as one blank row", () => {
    expect(evaluate("=SUM(tblA[N])")).toBe(7);
    expect(evaluate("=INDEX(tblA[Odd '[x'] '#1''s],6)")).toBe("a*b");
    expect(evaluate('=COUNTIFS(tblEmpty[Goal],"")')).toBe(1);
  });

  it("refuses references outside the subset", () => {
    expect(() => evaluate("=tblA[N]")).toThrow(/whole column/);
    expect(() => evaluate("=tblB[[#This Row],[Id]]")).toThrow(/outside tblB/);
    expect(() => evaluate("=tblA[Nope]")).toThrow(/no column \[Nope\]/);
    expect(() => evaluate("=tblZ[N]")).toThrow(/Unknown table tblZ/);
    expect(() => evaluate("=Nowhere")).toThrow(/Unknown name Nowhere/);
    expect(() => parseFormula("=tblA[@N]")).toThrow(/unsupported structured reference/);
    expect(() => parseFormula("=SUM(tblA[[#All],[N]])")).toThrow(/unsupported structured reference/);
    expect(() => parseFormula("=SUM(tblA[[#Data],[N]])")).toThrow(/unsupported structured reference/);
    expect(() => parseFormula("=SUM(tblA[[Goal]:[N]])")).toThrow(/column ranges/);
    expect(() => parseFormula("=SUM(tblA[N)")).toThrow(/unclosed \[/);
  });

  it("asks before each read, so callers can refuse columns not computed yet", () => {
    const reads: string[] = [];
    evaluateFormula(
      "=tblA[[#This Row],[N]]+SUM(tblB[Value])",
      workbook(),
      { table: "tblA", row: 0 },
      {
        beforeRead: (table, column) => reads.push(`${table}[${column}]`),
      },
    );
    expect(reads).toEqual(["tblA[N]", "tblB[Value]"]);
    const refuse = () => {
      throw new Error("not yet");
    };
    expect(() =>
      evaluateFormula(
        "=tblA[[#This Row],[N]]",
        workbook(),
        { table: "tblA", row: 0 },
        { beforeRead: refuse },
      ),
    ).toThrow("not yet");
  });

  it("lists a formula's functions and references", () => {
    const formula = '=IF(tblA[[#This Row],[N]]>0,COUNTIFS(tblA[Goal],"x"),SUM(tblB[Value]))';
    expect(formulaFunctions(formula).sort()).toEqual(["COUNTIFS", "IF", "SUM"]);
    expect(formulaReferences(formula)).toEqual([
      { table: "tblA", column: "N" },
      { table: "tblA", column: "Goal" },
      { table: "tblB", column: "Value" },
    ]);
  });
});

describe("COUNTIFS", () => {
  it.each([
    ['=COUNTIFS(tblA[Goal],"BRANDS")', 4],
    ['=COUNTIFS(tblA[Goal],"Brands",tblA[Status],"Recognized")', 3],
    ["=COUNTIFS(tblA[Goal],tblA[[#This Row],[Goal]])", 4],
    ['=COUNTIFS(tblA[Date],"")', 2],
    ['=COUNTIFS(tblA[Odd [x] #1\'s],"")', 2],
    ['=COUNTIFS(tblA[Date],"=")', 1],
    ['=COUNTIFS(tblA[Date],"<>")', 5],
    ['=COUNTIFS(tblA[Date],"<"&(INT(AsOfDate)+1))', 2],
    ['=COUNTIFS(tblA[Date],"<="&INT(AsOfDate))', 2],
    ['=COUNTIFS(tblA[Date],">"&INT(AsOfDate))', 1],
    ['=COUNTIFS(tblA[Date],">="&INT(AsOfDate))', 2],
    ['=COUNTIFS(tblA[Date],"<"&(DATE_LATE))', 3],
    ['=COUNTIFS(tblA[N],"<>3")', 5],
    ["=COUNTIFS(tblA[N],5)", 1],
    ['=COUNTIFS(tblA[N],"5")', 1],
    ['=COUNTIFS(tblA[N],"=4")', 1],
    ["=COUNTIFS(tblA[N],TRUE)", 1],
    ['=COUNTIFS(tblA[Goal],"b*")', 4],
    ['=COUNTIFS(tblA[Goal],"?lat*")', 2],
    ['=COUNTIFS(tblA[Odd [x] #1\'s],"a~*b")', 1],
    ['=COUNTIFS(tblA[Goal],"<>brands")', 2],
    ['=COUNTIFS(tblA[Goal],"<c")', 4],
    ['=COUNTIFS(tblA[Goal],"Brands",tblA[Status],"Recognized",tblA[Date],"<"&(INT(AsOfDate)+1))', 1],
    ['=COUNTIFS(tblA[Goal],"Brands",tblA[Status],"Recognized",tblA[Date],"")', 1],
  ])("%s = %p", (formula, expected) => {
    const late = d("2030-01-01");
    expect(evaluate(formula.replace("DATE_LATE", String(late)).replace("[x] #1's", "'[x'] '#1''s"))).toBe(
      expected,
    );
  });

  it("never matches blanks or text with a numeric comparison", () => {
    const model = workbook();
    model.tables.get("tblA")!.rows.forEach((row) => (row[2] = null));
    expect(evaluate('=COUNTIFS(tblA[Date],"<99999")', 0, model)).toBe(0);
    model.tables.get("tblA")!.rows.forEach((row) => (row[2] = "44000"));
    expect(evaluate('=COUNTIFS(tblA[Date],"<99999")', 0, model)).toBe(0);
  });

  it("treats a blank criterion cell as 0", () => {
    expect(evaluate("=COUNTIFS(tblB[Value],tblA[[#This Row],[N]])", 4)).toBe(0);
    const model = workbook();
    model.tables.get("tblB")!.rows[2][1] = 0;
    expect(evaluate("=COUNTIFS(tblB[Value],tblA[[#This Row],[N]])", 4, model)).toBe(1);
  });

  it("gives #VALUE! for ranges of different sizes and needs ranges", () => {
    expect(evaluate('=COUNTIFS(tblA[Goal],"x",tblB[Id],"ONE")')).toEqual(error("#VALUE!"));
    expect(() => evaluate('=COUNTIFS("Brands","Brands")')).toThrow(/needs a table column/);
    expect(() => parseFormula('=COUNTIFS(tblA[Goal],"x",tblA[Goal])')).toThrow(/pairs/);
  });
});

describe("functions", () => {
  it.each([
    ["=INT(2.7)", 2],
    ["=INT(-2.5)", -3],
    ["=INT(AsOfDate)", d("2021-06-30")],
    ["=ROUNDUP(2.1,0)", 3],
    ["=ROUNDUP(2,0)", 2],
    ["=ROUNDUP(-2.1,0)", -3],
    ["=ROUND(2.5,0)", 3],
    ["=ROUND(-2.5,0)", -3],
    ["=ROUND(30.000000000000004,9)", 30],
    ["=ROUND(1.2345,2)", 1.23],
    ["=ROUNDUP(1.21,1)", 1.3],
    ["=MIN(3,1,2)", 1],
    ["=MAX(3,1,2)", 3],
    ["=MIN(1,MAX(0,1.5))", 1],
    ["=MIN(1,MAX(0,-0.5))", 0],
    ["=MAX(tblA[N])", 4],
    ["=MIN(tblA[N],2)", 2],
    ["=MIN(tblB[Id])", 0],
    ['=SUM(tblA[N],"2",TRUE)', 10],
    ["=SUM(tblA[[#This Row],[N]])", 0],
    ['=INDEX(tblB[Value],MATCH("two",tblB[Id],0))', "two"],
    ['=INDEX(tblB[Value],MATCH("ONE",tblB[Id],0))', 1],
    ['=MATCH("t*",tblB[Id],0)', 2],
    ['=INDEX(tblB[Value],MATCH("TWO",tblB[Id],0))', "two"],
    ['=INDEX(tblB[Value],MATCH("THREE",tblB[Id],0))', null],
    ["=MATCH(3,tblA[N],0)", 1],
  ])("%s = %p", (formula, expected) => {
    expect(evaluate(formula, 4)).toEqual(expected);
  });

  it("gives #N/A when MATCH finds nothing and #REF! beyond INDEX's range", () => {
    expect(evaluate('=MATCH("FOUR",tblB[Id],0)')).toEqual(error("#N/A"));
    expect(evaluate('=INDEX(tblB[Value],MATCH("FOUR",tblB[Id],0))')).toEqual(error("#N/A"));
    expect(evaluate("=INDEX(tblB[Value],4)")).toEqual(error("#REF!"));
    expect(() => evaluate('=MATCH("ONE",tblB[Id],1)')).toThrow(/match type 0/);
  });

  it("nests IF and evaluates only the branch taken", () => {
    expect(evaluate('=IF(1>2,"a",IF(2>1,"b","c"))')).toBe("b");
    expect(evaluate('=IF(1>2,"a",IF(2>3,"b",IF(TRUE,"c","d")))')).toBe("c");
    expect(evaluate("=IF(TRUE,1,1/0)")).toBe(1);
    expect(evaluate("=IF(FALSE,1/0,2)")).toBe(2);
    expect(evaluate("=IF(1>2,1)")).toBe(false);
    expect(evaluate("=IF(0,1,2)")).toBe(2);
    expect(evaluate('=IF("TRUE",1,2)')).toBe(1);
    expect(evaluate('=IF("yes",1,2)')).toEqual(error("#VALUE!"));
    expect(evaluate("=IF(1/0,1,2)")).toEqual(error("#DIV/0!"));
    expect(evaluate('=IF(tblA[[#This Row],[Goal]]="BRANDS",INT(2.5)+1,ROUNDUP(2.5,0))')).toBe(3);
  });

  it("calls the custom functions with columns as n x 1 matrices", () => {
    const asOf = d("2021-06-30") + 0.5;
    const start = d("2020-04-08");
    const deadline = d("2022-12-31");
    const args = `tblA[Goal],"BRANDS",tblA[Status],tblA[Date],AsOfDate`;
    const column = (cells: unknown[]) => cells.map((cell) => [cell === null ? "" : cell]);
    const rows = workbook().tables.get("tblA")!.rows;
    const direct = fns.forecast(
      column(rows.map((r) => r[0])),
      "BRANDS",
      column(rows.map((r) => r[1])),
      column(rows.map((r) => r[2])),
      asOf,
      start,
      deadline,
    );
    expect(evaluate(`=SHONLINE.FORECAST(${args},${start},${deadline})`)).toBe(direct);
    expect(evaluate(`=shonline.forecast(${args},${start},${deadline})`)).toBe(direct);
    expect(typeof direct).toBe("number");
    expect(evaluate(`=SHONLINE.FORECASTDATE(${args},3,"at least")`)).toBe(d("2021-01-01"));
    // No SCENARIOS row, so no pace and no date.
    expect(
      evaluate(`=SHONLINE.FORECASTDATE(tblA[Goal],"SCENARIOS",tblA[Status],tblA[Date],AsOfDate)`),
    ).toEqual(error("#N/A"));
    expect(evaluate(`=SHONLINE.FORECAST(tblA[Goal],"NOPE",tblA[Status],tblA[Date],AsOfDate)`)).toEqual(
      error("#N/A"),
    );
    expect(evaluate(`=SHONLINE.FORECAST(${args},1/0)`)).toEqual(error("#DIV/0!"));
  });
});

describe("arrays inside SUMPRODUCT", () => {
  // tblA[N]: 3, 4, "5", TRUE, blank, "n/a"; tblA[Date] has a blank, "" and a date text.
  it.each([
    ["=SUMPRODUCT(tblB[Value])", 1],
    ["=SUMPRODUCT(tblA[N])", 7],
    ["=SUMPRODUCT(tblA[N]*1)", error("#VALUE!")],
    ['=SUMPRODUCT((tblA[Goal]="brands")*(tblA[Status]="Recognized"))', 3],
    ['=SUMPRODUCT(--(tblA[Goal]="Platforms"))', 2],
    ['=SUMPRODUCT(tblA[Goal]="Platforms")', 0],
    ["=SUMPRODUCT(5)", 5],
    ["=SUMPRODUCT(tblA[Goal],tblB[Id])", error("#VALUE!")],
    ["=SUMPRODUCT(COUNTIFS(tblA[Goal],tblB[Id]))", 0],
    ['=SUMPRODUCT(COUNTIFS(tblA[Goal],tblA[Goal],tblA[Status],"Recognized"))', 4 * 3 + 2 * 2],
    ["=SUMPRODUCT(1/tblA[N])", error("#DIV/0!")],
    ["=SUMPRODUCT(1/tblB[Value])", error("#VALUE!")],
  ])("%s = %p", (formula, expected) => {
    expect(evaluate(formula)).toEqual(expected);
  });

  it("gives COUNTIFS a column of criteria, each cell's count, an error cell its error", () => {
    const model = workbook();
    model.tables.set("tblC", { columns: ["Wanted"], rows: [["brands"], ["Platforms"], [error("#N/A")]] });
    expect(evaluate("=SUMPRODUCT(COUNTIFS(tblA[Goal],tblC[Wanted]))", 0, model)).toEqual(error("#N/A"));
    model.tables.get("tblC")!.rows.pop();
    expect(evaluate("=SUMPRODUCT(COUNTIFS(tblA[Goal],tblC[Wanted]))", 0, model)).toBe(6);
    expect(evaluate('=SUMPRODUCT(COUNTIFS(tblA[Goal],tblC[Wanted],tblA[Date],"<"&AsOfDate))', 0, model)).toBe(
      2,
    );
  });

  it("refuses what Excel would compute otherwise without array entry", () => {
    expect(() => evaluate("=COUNTIFS(tblA[Goal],tblB[Id])")).toThrow(/whole column/);
    expect(() => evaluate('=SUMPRODUCT(IF(tblA[Goal]="x",1,0))')).toThrow(/whole column/);
    expect(() => evaluate("=SUM(tblB[Value]*2)")).toThrow(/whole column/);
    expect(() => evaluate("=SUMPRODUCT(tblA[Goal]=tblB[Id])")).toThrow(/different lengths/);
  });
});

describe("SMALL", () => {
  it.each([
    ["=SMALL(tblA[Date],1)", d("2021-01-01")],
    ["=SMALL(tblA[Date],3)", d("2022-01-01") + 0.75],
    ["=SMALL(tblA[N],2)", 4],
    ["=SMALL(tblA[N],3)", error("#NUM!")],
    ["=SMALL(tblA[N],0)", error("#NUM!")],
    ["=SMALL(tblEmpty[Goal],1)", error("#NUM!")],
    ["=SMALL(tblA[N],1/0)", error("#DIV/0!")],
    ['=SUMPRODUCT(SMALL((tblA[Goal]="platforms")*10+(tblA[Status]="candidate"),4))', 1],
    ['=SUMPRODUCT(SMALL((tblA[Goal]="platforms")*10+(tblA[Status]="candidate"),5))', 10],
    ['=SUMPRODUCT(SMALL(tblA[N]+100*(tblA[Goal]="brands"),1))', error("#VALUE!")],
    ["=SUMPRODUCT(SMALL(tblB[Value]*2,1))", error("#VALUE!")],
    ["=SUMPRODUCT(SMALL(-tblB[Value],1))", error("#VALUE!")],
    ["=SUMPRODUCT(SMALL(5,1))", 5],
  ])("%s = %p", (formula, expected) => {
    expect(evaluate(formula)).toEqual(expected);
  });

  it("needs SUMPRODUCT around a computed array, and a whole-number k", () => {
    expect(() => evaluate("=SMALL(tblA[N]*1,1)")).toThrow(/array entry/);
    expect(() => evaluate("=SMALL(tblA[N],1.5)")).toThrow(/whole number/);
  });
});

describe("LARGE, ROW and INT over arrays", () => {
  /** tblA placed with its header on sheet row 3 (its rows on 4 to 9); tblEmpty's on row 1. */
  function placed(): WorkbookModel {
    const model = workbook();
    model.tables.get("tblA")!.top = 3;
    model.tables.get("tblEmpty")!.top = 1;
    model.tables.set("tblD", { columns: ["Day"], rows: [[10.75], [null], ["3.2"]] });
    return model;
  }
  const at = (formula: string) => evaluate(formula, 0, placed());

  it.each([
    ["=LARGE(tblA[Date],1)", d("2022-01-01") + 0.75],
    ["=LARGE(tblA[N],2)", 3],
    ["=LARGE(tblA[N],3)", error("#NUM!")],
    ["=LARGE(tblEmpty[Goal],1)", error("#NUM!")],
    ['=SUMPRODUCT(LARGE((tblA[Goal]="platforms")*10+(tblA[Status]="candidate"),2))', 10],
    ['=SUMPRODUCT(LARGE((tblA[Goal]="platforms")*10+(tblA[Status]="candidate"),3))', 1],
    ["=SUMPRODUCT(LARGE(-tblB[Value],1))", error("#VALUE!")],
    ["=ROW(tblA[#Headers])", 3],
    ["=ROW(tblA[[#Headers],[Goal]])", 3],
    ["=SUMPRODUCT(ROW(tblA[Goal]))", 4 + 5 + 6 + 7 + 8 + 9],
    ['=SUMPRODUCT(LARGE((tblA[Status]="recognized")*ROW(tblA[Goal]),1))', 9],
    ['=SUMPRODUCT(LARGE((tblA[Status]="recognized")*ROW(tblA[Goal]),5))', 4],
    // A table emptied of rows keeps one blank row.
    ["=SUMPRODUCT(ROW(tblEmpty[Goal]))", 2],
    // INT cell by cell: the time of day goes; blank is 0; text is #VALUE!, as Excel.
    ["=SUMPRODUCT(INT(tblB[Value]))", error("#VALUE!")],
    ['=SUMPRODUCT((tblA[Goal]="platforms")*INT(tblA[N]))', error("#VALUE!")],
    ["=SUMPRODUCT(INT(tblD[Day]))", 13],
    ["=SUMPRODUCT(LARGE(INT(tblD[Day]),1))", 10],
  ])("%s = %p", (formula, expected) => {
    expect(at(formula)).toEqual(expected);
  });

  it("needs SUMPRODUCT around ROW of a column and around a computed array for LARGE", () => {
    expect(() => at("=ROW(tblA[Goal])")).toThrow(/outside SUMPRODUCT/);
    expect(() => at("=LARGE(tblA[N]*1,1)")).toThrow(/array entry/);
    expect(() => at("=INT(tblA[N])")).toThrow(/one value/);
  });

  it("refuses ROW of a table with no place on a sheet, of a single cell, and #Headers elsewhere", () => {
    expect(() => evaluate("=ROW(tblA[#Headers])")).toThrow(/no place on a sheet/);
    expect(() => at("=ROW(1)")).toThrow(/outside the engine's subset/);
    expect(() => at("=tblA[#Headers]")).toThrow(/other than in ROW/);
    expect(() => at("=ROW(tblA[[#This Row],[N]])")).toThrow(/outside the engine's subset/);
  });
});

describe("failing loudly outside the subset", () => {
  it.each([
    ["=XLOOKUP(1,tblB[Value],tblB[Id])", /unknown function XLOOKUP/],
    ["=LET(x,1,x)", /unknown function LET/],
    ['=IFS(TRUE,"a")', /unknown function IFS/],
    ["=ROUNDDOWN(1.5,0)", /unknown function ROUNDDOWN/],
    ["=SHONLINE.SUMMARY(tblA[Goal],tblA[Status],tblA[Date])", /unknown function SHONLINE.SUMMARY/],
    ["=INT(1,2)", /INT takes 1 to 1 arguments, got 2/],
    ["=IF(TRUE,,1)", /empty arguments/],
    ["=1+", /unexpected end/],
    ["=(1+2", /expected "\)"/],
    ["=1+2)", /unexpected text after/],
    ["1+2", /starts with "="/],
    ["=2^2", /unsupported character/],
    ["=50%", /unsupported character/],
    ["=+1", /unexpected "\+"/],
    ['="abc', /unclosed text literal/],
    ["={1,2}", /unsupported character/],
    ["=A1+1", /Unknown name A1/],
  ])("%s throws", (formula, message) => {
    expect(() => evaluate(formula)).toThrow(message);
  });

  it("refuses date text in arithmetic rather than guess Excel's date parsing", () => {
    expect(() => evaluate("=tblA[[#This Row],[Date]]+1", 5)).toThrow(/date or time text/);
  });

  it("refuses INDEX(column, 0), which returns a whole column", () => {
    expect(() => evaluate("=INDEX(tblB[Value],0)")).toThrow(/whole column/);
  });
});

describe("evaluateTemplate", () => {
  it("computes Targets left to right, before the Dashboard and Timeline that read it", () => {
    for (const language of ["en", "zh"] as const) {
      const order = evaluationOrder(language);
      const targets = order.filter((c) => c.startsWith("tblTargets["));
      expect(order.slice(0, targets.length)).toEqual(targets);
      const firstReader = Math.min(
        order.findIndex((c) => c.startsWith("tblDashboard[")),
        order.findIndex((c) => c.startsWith("tblTimeline[")),
      );
      expect(firstReader).toBeGreaterThan(targets.length - 1);
    }
  });

  it("fills a blank workbook's formulas, with a dash where no forecast date exists", () => {
    const model = evaluateTemplate({ language: "en", register: [], asOf: d("2021-06-30") });
    const brands = tableRecords(model, "tblTargets").find((r) => r.Id === "BRANDS")!;
    expect(brands).toMatchObject({ Required: 101, Actual: 0, Remaining: 101, Status: "Behind", Forecast: 0 });
    expect(brands).toMatchObject({ Mark: "▼", "Forecast date": "–" });
    expect(model.names.get("AsOfDate")).toBe(d("2021-06-30"));
    expect(tableRecords(model, "tblHistory")).toEqual([]);
  });

  it("rejects register rows of the wrong width and edits of unknown goals", () => {
    expect(() => evaluateTemplate({ language: "en", register: [["Brands"]], asOf: 0 })).toThrow(/15 columns/);
    expect(() =>
      evaluateTemplate({ language: "en", register: [], asOf: 0, targetEdits: [{ id: "NOPE", target: 1 }] }),
    ).toThrow(/No tblTargets row with Id NOPE/);
  });
});

describe("logical and text functions", () => {
  it.each([
    ["=AND(TRUE,1=1)", true],
    ["=AND(TRUE,1=2)", false],
    ["=OR(FALSE,1=2)", false],
    ["=OR(FALSE,2=2)", true],
    ['=AND(TRUE,"x")', error("#VALUE!")],
    ['=LEFT("https://a",8)', "https://"],
    ['=LEFT("ab",5)', "ab"],
    ['=MID("abcdef",3,2)', "cd"],
    ['=MID("abc",5,2)', ""],
    ['=LEN("链接 ab")', 5],
    ['=FIND("://","http://x")', 5],
    ['=FIND("A","abc")', error("#VALUE!")],
    ['=ISERROR(FIND("z","abc"))', true],
    ["=ISERROR(1/2)", false],
    ["=IFERROR(1/0,7)", 7],
    ["=IFERROR(2,7)", 2],
    ["=LEFT(12345,2)", "12"],
  ])("%s = %p", (formula, expected) => {
    expect(evaluate(formula)).toEqual(expected);
  });
});
