/**
 * What Excel checks when a formula is entered, for the Excel double: the formula must parse, and
 * every structured reference must name a table and columns that exist at that moment (a formula
 * that names a missing table is refused: "There's a problem with this formula"; files that hold one
 * show #REF!, see ClosedXML pull request 2251, which records Excel's results). A defined name that
 * does not exist yet is accepted: Excel shows #NAME? until it is defined (support.microsoft.com,
 * "How to correct a #NAME? error"). Unknown functions are accepted the same way.
 *
 * Independent of src/: the double must not share the add-in's idea of what a formula refers to.
 */
import { ExcelError, type FakeWorkbook, type FakeWorksheet } from "./excel-model";

export interface FormulaReferences {
  /** Structured references with a table name: Table[Column], Table[[#This Row],[Column]]. */
  readonly tables: { table: string; columns: string[] }[];
  /** Structured references without one ([@Column]): they need the cell to be inside a table. */
  readonly ownTable: string[][];
  readonly sheets: string[];
  /** Identifiers that are neither functions nor cells: defined names. */
  readonly names: string[];
  /** A1 references ("B2", "A1:C3", without $), with the sheet named before them if any. */
  readonly cells: { sheet?: string; address: string }[];
}

class FormulaParseError extends Error {}

const SPECIFIERS = new Set(["#all", "#data", "#headers", "#totals", "#this row"]);
const ERRORS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"];

type Token =
  | { kind: "number" | "string" | "bool" | "error" | "cell" | "name" | "function"; text: string }
  | { kind: "sheet"; text: string }
  | { kind: "structured"; table: string | undefined; columns: string[] }
  | { kind: "op"; text: string }
  | { kind: "end"; text: "" };

function unescapeColumn(text: string): string {
  return text.replace(/'(.)/g, "$1").trim();
}

/** The items of a structured reference's brackets, from `start` (at "["): columns and specifiers. */
function readBrackets(formula: string, start: number): { end: number; columns: string[] } {
  let depth = 0;
  let i = start;
  for (; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'") {
      i++;
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) break;
  }
  if (depth !== 0) throw new FormulaParseError("unclosed [ in a structured reference");
  const inner = formula.slice(start + 1, i);
  const items: string[] = [];
  if (inner.startsWith("@")) items.push(inner.slice(1).replace(/^\[(.*)\]$/, "$1"));
  else if (inner.includes("[")) {
    const rest = inner.replace(/\[((?:'.|[^\]'])*)\]/g, (_, item: string) => {
      items.push(item);
      return "";
    });
    if (!/^[\s,:]*$/.test(rest)) throw new FormulaParseError(`malformed structured reference [${inner}]`);
  } else if (inner !== "") items.push(inner);
  const columns: string[] = [];
  for (const item of items) {
    if (item.startsWith("#")) {
      if (!SPECIFIERS.has(item.toLowerCase())) throw new FormulaParseError(`unknown specifier ${item}`);
    } else columns.push(unescapeColumn(item));
  }
  return { end: i + 1, columns };
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 1;
  const operandExpected = () => {
    const last = tokens[tokens.length - 1];
    return !last || (last.kind === "op" && !")}%".includes(last.text)) || last.kind === "sheet";
  };
  while (i < formula.length) {
    const rest = formula.slice(i);
    const ch = formula[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= formula.length) throw new FormulaParseError("unclosed text");
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      tokens.push({ kind: "string", text: formula.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const match = /^'((?:[^']|'')+)'!/.exec(rest);
      if (!match) throw new FormulaParseError("a quoted name must be a sheet followed by !");
      tokens.push({ kind: "sheet", text: match[1].replace(/''/g, "'") });
      i += match[0].length;
      continue;
    }
    const error = ERRORS.find((e) => rest.toUpperCase().startsWith(e));
    if (error) {
      tokens.push({ kind: "error", text: error });
      i += error.length;
      continue;
    }
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number && operandExpected()) {
      tokens.push({ kind: "number", text: number[0] });
      i += number[0].length;
      continue;
    }
    const cell = /^\$?[A-Za-z]{1,3}\$?\d+(?![\p{L}\p{N}_.(!\\[])/u.exec(rest);
    if (cell) {
      tokens.push({ kind: "cell", text: cell[0] });
      i += cell[0].length;
      continue;
    }
    if (ch === "[") {
      const { end, columns } = readBrackets(formula, i);
      tokens.push({ kind: "structured", table: undefined, columns });
      i = end;
      continue;
    }
    const ident = /^[\p{L}_\\][\p{L}\p{N}_.\\]*/u.exec(rest);
    if (ident) {
      const text = ident[0];
      const next = formula[i + text.length];
      i += text.length;
      if (next === "!") {
        tokens.push({ kind: "sheet", text });
        i++;
      } else if (next === "[") {
        const { end, columns } = readBrackets(formula, i);
        tokens.push({ kind: "structured", table: text, columns });
        i = end;
      } else if (next === "(") tokens.push({ kind: "function", text });
      else if (/^(true|false)$/i.test(text)) tokens.push({ kind: "bool", text });
      else tokens.push({ kind: "name", text });
      continue;
    }
    const op = /^(<=|>=|<>|[=<>+\-*/^&%(),;{}:])/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      i += op[0].length;
      continue;
    }
    throw new FormulaParseError(`unexpected character ${ch}`);
  }
  tokens.push({ kind: "end", text: "" });
  return tokens;
}

/** A recursive-descent check of Excel's formula grammar (operators by precedence, calls, arrays). */
class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at];
  }
  private isOp(text: string): boolean {
    const token = this.peek();
    return token.kind === "op" && token.text === text;
  }
  private expectOp(text: string): void {
    if (!this.isOp(text)) throw new FormulaParseError(`expected ${text}`);
    this.at++;
  }

  parse(): void {
    if (this.peek().kind === "end") throw new FormulaParseError("empty formula");
    this.expression();
    if (this.peek().kind !== "end") throw new FormulaParseError("unexpected text after the formula");
  }

  private binary(operators: string[], next: () => void): void {
    next();
    for (
      let token = this.peek();
      token.kind === "op" && operators.includes(token.text);
      token = this.peek()
    ) {
      this.at++;
      next();
    }
  }
  private expression(): void {
    this.binary(["=", "<>", "<", ">", "<=", ">="], () =>
      this.binary(["&"], () =>
        this.binary(["+", "-"], () => this.binary(["*", "/"], () => this.binary(["^"], () => this.unary()))),
      ),
    );
  }
  private unary(): void {
    while (this.isOp("+") || this.isOp("-")) this.at++;
    this.primary();
    while (this.isOp("%")) this.at++;
  }
  private primary(): void {
    const token = this.peek();
    this.at++;
    switch (token.kind) {
      case "number":
      case "string":
      case "bool":
      case "error":
      case "name":
      case "structured":
        return;
      case "cell":
        if (this.isOp(":")) {
          this.at++;
          if (this.peek().kind !== "cell") throw new FormulaParseError("a range needs a cell after :");
          this.at++;
        }
        return;
      case "sheet":
        if (this.peek().kind !== "cell" && this.peek().kind !== "name")
          throw new FormulaParseError("a sheet name needs a reference after !");
        return this.primary();
      case "function":
        this.expectOp("(");
        if (!this.isOp(")")) {
          for (;;) {
            if (!this.isOp(",") && !this.isOp(")")) this.expression();
            if (this.isOp(",")) {
              this.at++;
              continue;
            }
            break;
          }
        }
        this.expectOp(")");
        return;
      case "op":
        if (token.text === "(") {
          this.expression();
          this.expectOp(")");
          return;
        }
        if (token.text === "{") {
          for (;;) {
            this.unary();
            if (this.isOp(",") || this.isOp(";")) {
              this.at++;
              continue;
            }
            break;
          }
          this.expectOp("}");
          return;
        }
        throw new FormulaParseError(`unexpected ${token.text}`);
      default:
        throw new FormulaParseError("the formula ends too early");
    }
  }
}

const PARSED = new Map<string, FormulaReferences | FormulaParseError>();

/** Parses a formula (with its "="); the references it makes, or a parse error. */
function references(formula: string): FormulaReferences | FormulaParseError {
  let result = PARSED.get(formula);
  if (!result) {
    try {
      const tokens = tokenize(formula);
      new Parser(tokens).parse();
      const found: FormulaReferences = { tables: [], ownTable: [], sheets: [], names: [], cells: [] };
      const isColon = (token: Token | undefined) => token?.kind === "op" && token.text === ":";
      tokens.forEach((token, i) => {
        if (token.kind !== "cell" || (isColon(tokens[i - 1]) && tokens[i - 2]?.kind === "cell")) return;
        const before = tokens[i - 1];
        const last = tokens[i + 2];
        const end = isColon(tokens[i + 1]) && last?.kind === "cell" ? `:${last.text}` : "";
        const address = `${token.text}${end}`.replace(/\$/g, "");
        found.cells.push(before?.kind === "sheet" ? { sheet: before.text, address } : { address });
      });
      for (const token of tokens) {
        if (token.kind === "structured") {
          if (token.table === undefined) found.ownTable.push(token.columns);
          else found.tables.push({ table: token.table, columns: token.columns });
        } else if (token.kind === "sheet") found.sheets.push(token.text);
        else if (token.kind === "name") found.names.push(token.text);
      }
      result = found;
    } catch (error) {
      if (!(error instanceof FormulaParseError)) throw error;
      result = error;
    }
    PARSED.set(formula, result);
  }
  return result;
}

export function formulaReferences(formula: string): FormulaReferences {
  const result = references(formula);
  if (result instanceof FormulaParseError)
    throw new ExcelError("InvalidArgument", `${formula}: ${result.message}`);
  return result;
}

export interface FormulaPlace {
  readonly workbook: FakeWorkbook;
  /** Where the formula is entered; undefined for a defined name's or a rule's formula. */
  readonly sheet?: FakeWorksheet;
  readonly row?: number;
  readonly column?: number;
}

/** Refuses a formula Excel would refuse here and now (InvalidArgument). */
export function checkFormula(formula: string, place: FormulaPlace): FormulaReferences {
  const found = formulaReferences(formula);
  const refuse = (why: string) => new ExcelError("InvalidArgument", `${formula}: ${why}`);
  for (const { table: name, columns } of found.tables) {
    const table = place.workbook.table(name);
    if (!table) throw refuse(`the structured reference names a table '${name}' that does not exist`);
    for (const column of columns)
      if (table.columnIndex(column) < 0) throw refuse(`table '${name}' has no column '${column}'`);
  }
  if (found.ownTable.length > 0) {
    const table =
      place.sheet && place.row !== undefined && place.column !== undefined
        ? place.sheet.tableAt(place.row, place.column)
        : undefined;
    if (!table) throw refuse("a structured reference without a table name must be inside a table");
    for (const column of found.ownTable.flat())
      if (table.columnIndex(column) < 0) throw refuse(`table '${table.rawName}' has no column '${column}'`);
  }
  for (const sheet of found.sheets)
    if (!place.workbook.sheet(sheet)) throw refuse(`there is no sheet '${sheet}'`);
  return found;
}
