/**
 * A small spreadsheet formula evaluator for exactly the subset of Excel the tracking workbook's
 * native formulas use, over an in-memory workbook of tables. Tests use it to check that the
 * template's formulas compute what the core engine computes.
 *
 * Supported: numbers, "text" literals ("" escapes a quote), TRUE/FALSE, defined names, structured
 * references tbl[Col] (a whole column) and tbl[[#This Row],[Col]] (the current row's cell), the
 * operators = <> < > <= >= & + - * / and unary -, and the functions IF, COUNTIFS, INT, ROUNDUP, ROUND,
 * AVERAGE, VAR, NA, SQRT, POISSON (cumulative), BETADIST,
 * MIN, MAX, SUM, INDEX(array, n), MATCH(value, array, 0), AND and OR (of scalars), ISERROR,
 * IFERROR, LEFT, MID, LEN, FIND (case-sensitive, as Excel's), SUMPRODUCT, SMALL, LARGE, ROW (of a
 * column, or of tbl[#Headers] or tbl[[#Headers],[Col]]: sheet rows, for tables placed on a sheet),
 * SHONLINE.FORECAST
 * and SHONLINE.FORECASTDATE (the add-in's custom functions). Anything else throws an Error, so a
 * formula this engine cannot check fails loudly rather than passing unchecked.
 *
 * Arrays are evaluated as Excel evaluates a formula entered normally (not with Ctrl+Shift+Enter):
 * only inside SUMPRODUCT do operators work cell by cell over whole columns, and COUNTIFS take a
 * column of criteria (giving a column of counts), SMALL and LARGE a computed column, INT works cell
 * by cell and ROW of a column gives the column of its rows. Elsewhere a whole column where one
 * value is expected throws, as do SMALL or LARGE over a computed column, ROW of a column and IF
 * inside SUMPRODUCT, which Excel 2010-2019 would compute otherwise without array entry.
 */
import { columnFormula } from "../../src/core/template/formulas";
import type { Cell as TemplateCell, TableSpec } from "../../src/core/template/structure";
import {
  ABOUT_AS_OF_ROW,
  ABOUT_STATUS_RULE,
  DISTRICT_HEADERS,
  aboutReportingUnitRow,
  NAMES,
  TABLES,
  TEMPLATE_VERSION,
  headers,
} from "../../src/core/template/template";
import * as customFunctions from "../../src/functions/functions";
import type { StatusRule } from "../../src/core/status-rules";
import { poissonCdf, regularizedBeta } from "../../src/core/distributions";

// ---- Values ---------------------------------------------------------------------------------

export type ErrorCode = "#N/A" | "#VALUE!" | "#DIV/0!" | "#NUM!" | "#REF!" | "#NAME?" | "#NULL!";

/** An Excel error value (#N/A, #VALUE!...), as a formula result or a cell's content. */
export class FormulaError {
  constructor(readonly code: ErrorCode) {}

  toString(): string {
    return this.code;
  }
}

/** What a cell holds: a template cell (text, number, boolean, blank as null) or an error value. */
export type Cell = TemplateCell | FormulaError;

export interface ModelTable {
  /** Headers, in column order. */
  columns: string[];
  rows: Cell[][];
  /** The sheet row (1-based) of the header row, for ROW; unknown when left out. */
  top?: number;
}

export interface WorkbookModel {
  /** By table name (tblTargets...). */
  tables: Map<string, ModelTable>;
  /** Defined names holding one value (AsOfDate...). */
  names: Map<string, Cell>;
}

/** A whole table column, as a structured reference yields it. */
class ArrayValue {
  constructor(readonly cells: readonly Cell[]) {}
}

type Value = Cell | ArrayValue;

// ---- Syntax ---------------------------------------------------------------------------------

export type FormulaNode =
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "boolean"; readonly value: boolean }
  | { readonly type: "name"; readonly name: string }
  | { readonly type: "column"; readonly table: string; readonly column: string }
  | { readonly type: "thisRow"; readonly table: string; readonly column: string }
  /** tbl[#Headers]: read only by ROW. */
  | { readonly type: "headers"; readonly table: string }
  | { readonly type: "call"; readonly name: string; readonly args: readonly FormulaNode[] }
  | { readonly type: "negate"; readonly operand: FormulaNode }
  | {
      readonly type: "binary";
      readonly op: BinaryOp;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    };

type BinaryOp = "=" | "<>" | "<" | ">" | "<=" | ">=" | "&" | "+" | "-" | "*" | "/";

type Token =
  | { readonly kind: "number"; readonly value: number; readonly at: number }
  | { readonly kind: "string"; readonly value: string; readonly at: number }
  | { readonly kind: "ident"; readonly value: string; readonly at: number }
  | {
      readonly kind: "ref";
      readonly table: string;
      readonly column: string;
      readonly thisRow: boolean;
      /** tbl[#Headers] (column is then "") or tbl[[#Headers],[Col]]. */
      readonly headers?: boolean;
      readonly at: number;
    }
  | { readonly kind: "op"; readonly value: string; readonly at: number }
  | { readonly kind: "end"; readonly at: number };

/** Functions the engine knows, with their argument counts. */
const FUNCTIONS: Readonly<Record<string, { min: number; max: number }>> = {
  IF: { min: 2, max: 3 },
  COUNTIFS: { min: 2, max: 254 },
  SUMIFS: { min: 3, max: 255 },
  INT: { min: 1, max: 1 },
  ROUNDUP: { min: 2, max: 2 },
  ROUND: { min: 2, max: 2 },
  AVERAGE: { min: 1, max: 255 },
  VAR: { min: 1, max: 255 },
  NA: { min: 0, max: 0 },
  SQRT: { min: 1, max: 1 },
  POISSON: { min: 3, max: 3 },
  BETADIST: { min: 3, max: 3 },
  MIN: { min: 1, max: 255 },
  MAX: { min: 1, max: 255 },
  SUM: { min: 1, max: 255 },
  INDEX: { min: 2, max: 2 },
  MATCH: { min: 3, max: 3 },
  AND: { min: 1, max: 255 },
  OR: { min: 1, max: 255 },
  ISERROR: { min: 1, max: 1 },
  ISNUMBER: { min: 1, max: 1 },
  IFERROR: { min: 2, max: 2 },
  LEFT: { min: 2, max: 2 },
  MID: { min: 3, max: 3 },
  LEN: { min: 1, max: 1 },
  FIND: { min: 2, max: 2 },
  SUMPRODUCT: { min: 1, max: 255 },
  SMALL: { min: 2, max: 2 },
  LARGE: { min: 2, max: 2 },
  ROW: { min: 1, max: 1 },
  "SHONLINE.FORECAST": { min: 4, max: customFunctions.forecast.length },
  "SHONLINE.FORECASTDATE": { min: 4, max: customFunctions.forecastDate.length },
};

class FormulaSyntaxError extends Error {
  constructor(formula: string, at: number, message: string) {
    super(`Cannot parse ${formula} at ${at}: ${message}`);
    this.name = "FormulaSyntaxError";
  }
}

const IDENT_START = /[A-Za-z_\\]/;
const IDENT_PART = /[A-Za-z0-9_.\\]/;
const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/** One [item] of a structured reference at `start`: its unescaped text, and whether it is a #specifier. */
function readBracketItem(formula: string, start: number): { text: string; special: boolean; end: number } {
  let i = start + 1;
  let text = "";
  const special = formula[i] === "#";
  for (;;) {
    const ch = formula[i];
    if (ch === undefined) throw new FormulaSyntaxError(formula, start, "unclosed [");
    if (ch === "'") {
      const next = formula[i + 1];
      if (next === undefined) throw new FormulaSyntaxError(formula, i, "dangling ' escape");
      text += next;
      i += 2;
      continue;
    }
    if (ch === "]") return { text, special, end: i + 1 };
    if (ch === "[") throw new FormulaSyntaxError(formula, i, "unescaped [ inside a column name");
    text += ch;
    i++;
  }
}

/** After a table name: [Col], [[Col]] or [[#This Row],[Col]]; anything else is outside the subset. */
function readStructuredReference(
  formula: string,
  table: string,
  start: number,
): { token: Token; end: number } {
  if (formula[start + 1] !== "[") {
    const item = readBracketItem(formula, start);
    if (item.special && item.text.toUpperCase() === "#HEADERS") {
      return {
        token: { kind: "ref", table, column: "", thisRow: false, headers: true, at: start },
        end: item.end,
      };
    }
    if (item.special || item.text.startsWith("@") || item.text === "") {
      throw new FormulaSyntaxError(formula, start, `unsupported structured reference ${table}[${item.text}]`);
    }
    return { token: { kind: "ref", table, column: item.text, thisRow: false, at: start }, end: item.end };
  }
  const items: { text: string; special: boolean }[] = [];
  let i = start + 1;
  for (;;) {
    while (formula[i] === " ") i++;
    if (formula[i] !== "[") throw new FormulaSyntaxError(formula, i, "expected [ in a structured reference");
    const item = readBracketItem(formula, i);
    items.push(item);
    i = item.end;
    while (formula[i] === " ") i++;
    if (formula[i] === ",") {
      i++;
      continue;
    }
    if (formula[i] === "]") {
      i++;
      break;
    }
    throw new FormulaSyntaxError(formula, i, "unsupported structured reference (column ranges are not)");
  }
  const specials = items.filter((item) => item.special).map((item) => item.text.toUpperCase());
  const columns = items.filter((item) => !item.special);
  const thisRow = specials.length === 1 && specials[0] === "#THIS ROW";
  // tbl[[#Headers],[Col]]: the header cell; ROW reads its row.
  if (columns.length === 1 && specials.length === 1 && specials[0] === "#HEADERS") {
    return {
      token: { kind: "ref", table, column: columns[0].text, thisRow: false, headers: true, at: start },
      end: i,
    };
  }
  if (columns.length !== 1 || (specials.length > 0 && !thisRow)) {
    const text = items.map((item) => `[${item.text}]`).join(",");
    throw new FormulaSyntaxError(formula, start, `unsupported structured reference ${table}[${text}]`);
  }
  return { token: { kind: "ref", table, column: columns[0].text, thisRow, at: start }, end: i };
}

function tokenize(formula: string): Token[] {
  if (!formula.startsWith("=")) throw new FormulaSyntaxError(formula, 0, 'a formula starts with "="');
  const tokens: Token[] = [];
  let i = 1;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    const number = NUMBER.exec(formula.slice(i));
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    if (ch === '"') {
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= formula.length) throw new FormulaSyntaxError(formula, i, "unclosed text literal");
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') {
            text += '"';
            j += 2;
            continue;
          }
          break;
        }
        text += formula[j];
        j++;
      }
      tokens.push({ kind: "string", value: text, at: i });
      i = j + 1;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < formula.length && IDENT_PART.test(formula[j])) j++;
      const name = formula.slice(i, j);
      if (formula[j] === "[") {
        const { token, end } = readStructuredReference(formula, name, j);
        tokens.push(token);
        i = end;
      } else {
        tokens.push({ kind: "ident", value: name, at: i });
        i = j;
      }
      continue;
    }
    const two = formula.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      tokens.push({ kind: "op", value: two, at: i });
      i += 2;
      continue;
    }
    if ("=<>&+-*/(),".includes(ch)) {
      tokens.push({ kind: "op", value: ch, at: i });
      i++;
      continue;
    }
    throw new FormulaSyntaxError(formula, i, `unsupported character ${JSON.stringify(ch)}`);
  }
  tokens.push({ kind: "end", at: formula.length });
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly formula: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FormulaNode {
    const node = this.comparison();
    const next = this.peek();
    if (next.kind !== "end") this.fail(next, "unexpected text after the formula");
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    return this.tokens[this.position++];
  }

  private isOp(...ops: string[]): string | undefined {
    const token = this.peek();
    return token.kind === "op" && ops.includes(token.value) ? token.value : undefined;
  }

  private expectOp(op: string): void {
    const token = this.take();
    if (token.kind !== "op" || token.value !== op) this.fail(token, `expected "${op}"`);
  }

  private fail(token: Token, message: string): never {
    throw new FormulaSyntaxError(this.formula, token.at, message);
  }

  private binaryLevel(ops: BinaryOp[], next: () => FormulaNode): FormulaNode {
    let left = next();
    for (let op = this.isOp(...ops); op; op = this.isOp(...ops)) {
      this.take();
      left = { type: "binary", op: op as BinaryOp, left, right: next() };
    }
    return left;
  }

  private comparison = (): FormulaNode => this.binaryLevel(["=", "<>", "<", ">", "<=", ">="], this.concat);
  private concat = (): FormulaNode => this.binaryLevel(["&"], this.additive);
  private additive = (): FormulaNode => this.binaryLevel(["+", "-"], this.term);
  private term = (): FormulaNode => this.binaryLevel(["*", "/"], this.unary);

  private unary = (): FormulaNode => {
    if (this.isOp("-")) {
      this.take();
      return { type: "negate", operand: this.unary() };
    }
    return this.primary();
  };

  private primary(): FormulaNode {
    const token = this.take();
    switch (token.kind) {
      case "number":
        return { type: "number", value: token.value };
      case "string":
        return { type: "string", value: token.value };
      case "ref":
        if (token.headers) return { type: "headers", table: token.table };
        return token.thisRow
          ? { type: "thisRow", table: token.table, column: token.column }
          : { type: "column", table: token.table, column: token.column };
      case "ident":
        return this.identifier(token);
      case "op":
        if (token.value === "(") {
          const inner = this.comparison();
          this.expectOp(")");
          return inner;
        }
        return this.fail(token, `unexpected "${token.value}"`);
      default:
        return this.fail(token, "unexpected end of formula");
    }
  }

  private identifier(token: Token & { kind: "ident" }): FormulaNode {
    const upper = token.value.toUpperCase();
    if (!this.isOp("(")) {
      if (upper === "TRUE" || upper === "FALSE") return { type: "boolean", value: upper === "TRUE" };
      return { type: "name", name: token.value };
    }
    this.take();
    const arity = FUNCTIONS[upper];
    if (!arity) this.fail(token, `unknown function ${token.value} (not in the engine's subset)`);
    const args: FormulaNode[] = [];
    if (!this.isOp(")")) {
      for (;;) {
        if (this.isOp(",", ")")) this.fail(this.peek(), "empty arguments are not supported");
        args.push(this.comparison());
        if (this.isOp(",")) {
          this.take();
          continue;
        }
        break;
      }
    }
    this.expectOp(")");
    if (args.length < arity.min || args.length > arity.max) {
      this.fail(token, `${upper} takes ${arity.min} to ${arity.max} arguments, got ${args.length}`);
    }
    if (upper === "COUNTIFS" && args.length % 2 !== 0)
      this.fail(token, "COUNTIFS takes range/criteria pairs");
    return { type: "call", name: upper, args };
  }
}

const PARSED = new Map<string, FormulaNode>();

/** Parses formula text (with its leading "="); throws on anything outside the supported subset. */
export function parseFormula(formula: string): FormulaNode {
  let node = PARSED.get(formula);
  if (!node) {
    node = new Parser(formula, tokenize(formula)).parse();
    PARSED.set(formula, node);
  }
  return node;
}

function walk(node: FormulaNode, visit: (node: FormulaNode) => void): void {
  visit(node);
  if (node.type === "call") node.args.forEach((arg) => walk(arg, visit));
  else if (node.type === "negate") walk(node.operand, visit);
  else if (node.type === "binary") {
    walk(node.left, visit);
    walk(node.right, visit);
  }
}

/** The functions a formula calls, upper-cased, each once. */
export function formulaFunctions(formula: string): string[] {
  const names = new Set<string>();
  walk(parseFormula(formula), (node) => {
    if (node.type === "call") names.add(node.name);
  });
  return [...names];
}

/** The table columns a formula reads (whole columns and this-row cells alike). */
export function formulaReferences(formula: string): { table: string; column: string }[] {
  const references: { table: string; column: string }[] = [];
  walk(parseFormula(formula), (node) => {
    if (node.type === "column" || node.type === "thisRow") {
      references.push({ table: node.table, column: node.column });
    }
  });
  return references;
}

// ---- Excel semantics ------------------------------------------------------------------------

const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

function isNumericText(text: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(text);
}

/** A value as a number in arithmetic: blank 0, booleans 1/0, numeric text parsed; else #VALUE!. */
function toNumber(value: Cell): number | FormulaError {
  if (value instanceof FormulaError) return value;
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (isNumericText(value)) return Number(value);
  if (/^\s*\d+[-/:]/.test(value)) {
    throw new Error(`Coercing date or time text "${value}" to a number is outside the engine's subset`);
  }
  return new FormulaError("#VALUE!");
}

/** A number as Excel's General format writes it in text: up to 15 significant digits. */
function numberToText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  const exponent = /^(-?[\d.]+)e([+-])(\d+)$/.exec(text);
  return exponent ? `${exponent[1]}E${exponent[2]}${exponent[3].padStart(2, "0")}` : text;
}

function toText(value: Cell): string | FormulaError {
  if (value instanceof FormulaError) return value;
  if (value === null) return "";
  if (typeof value === "number") return numberToText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

function toBoolean(value: Cell): boolean | FormulaError {
  if (value instanceof FormulaError) return value;
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  const upper = value.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return upper === "TRUE";
  return new FormulaError("#VALUE!");
}

/** Numbers < text < booleans, text case-insensitively, as Excel; a blank takes the other side's type. */
function compare(left: Cell, right: Cell): number {
  const blankLike = (other: Cell): Cell =>
    typeof other === "string" ? "" : typeof other === "boolean" ? false : 0;
  const a = left === null ? blankLike(right) : left;
  const b = right === null ? blankLike(left) : right;
  const rank = (v: Cell) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Excel wildcards in COUNTIFS and MATCH criteria: * any run, ? one character, ~ escapes; any case. */
function wildcardPattern(text: string): RegExp {
  let source = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "~" && i + 1 < text.length && "*?~".includes(text[i + 1])) {
      source += `\\${text[++i]}`;
    } else if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i");
}

function textMatches(cell: Cell, pattern: RegExp): boolean {
  return typeof cell === "string" && pattern.test(cell);
}

const isBlankCell = (cell: Cell) => cell === null || cell === "";

/** A COUNTIFS criterion as a cell test, following Excel's rules. */
function criterionTest(criterion: Cell): (cell: Cell) => boolean {
  if (criterion instanceof FormulaError) throw new Error("criterion errors are handled by the caller");
  // A reference to an empty cell is treated as 0.
  if (criterion === null) return (cell) => typeof cell === "number" && cell === 0;
  if (typeof criterion === "number") {
    return (cell) =>
      (typeof cell === "number" && cell === criterion) ||
      (typeof cell === "string" && isNumericText(cell) && Number(cell) === criterion);
  }
  if (typeof criterion === "boolean") return (cell) => cell === criterion;
  const operator = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion)!;
  const op = operator[1] ?? "";
  const operand = operator[2];
  if (op === "" && operand === "") return isBlankCell;
  if (op === "=" && operand === "") return (cell) => cell === null;
  if (op === "<>" && operand === "") return (cell) => cell !== null;
  const upper = operand.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") {
    const wanted = upper === "TRUE";
    if (op === "" || op === "=") return (cell) => cell === wanted;
    if (op === "<>") return (cell) => cell !== wanted;
    throw new Error(`COUNTIFS criterion ${criterion} is outside the engine's subset`);
  }
  if (isNumericText(operand)) {
    const n = Number(operand);
    const numeric = (cell: Cell): number | undefined =>
      typeof cell === "number"
        ? cell
        : (op === "" || op === "=" || op === "<>") && typeof cell === "string" && isNumericText(cell)
          ? Number(cell)
          : undefined;
    if (op === "<>") return (cell) => numeric(cell) !== n;
    const test: Record<string, (x: number) => boolean> = {
      "": (x) => x === n,
      "=": (x) => x === n,
      "<": (x) => x < n,
      "<=": (x) => x <= n,
      ">": (x) => x > n,
      ">=": (x) => x >= n,
    };
    return (cell) => {
      const x = numeric(cell);
      return x !== undefined && test[op](x);
    };
  }
  const pattern = wildcardPattern(operand);
  if (op === "" || op === "=") return (cell) => textMatches(cell, pattern);
  if (op === "<>") return (cell) => !textMatches(cell, pattern);
  return (cell) => {
    if (typeof cell !== "string") return false;
    const order = compare(cell, operand);
    return op === "<" ? order < 0 : op === "<=" ? order <= 0 : op === ">" ? order > 0 : order >= 0;
  };
}

// ---- Evaluation -----------------------------------------------------------------------------

export interface EvaluationOptions {
  /** Called before a table column is read; throw to refuse reading a column not computed yet. */
  readonly beforeRead?: (table: string, column: string) => void;
}

export interface FormulaPosition {
  /** The table the formula sits in. */
  readonly table: string;
  /** 0-based data row. */
  readonly row: number;
}

function findTable(workbook: WorkbookModel, name: string): { name: string; table: ModelTable } {
  for (const [key, table] of workbook.tables) if (sameName(key, name)) return { name: key, table };
  throw new Error(`Unknown table ${name}`);
}

function columnIndex(table: ModelTable, tableName: string, column: string): number {
  const index = table.columns.findIndex((header) => sameName(header, column));
  if (index < 0) throw new Error(`Table ${tableName} has no column [${column}]`);
  return index;
}

class Evaluator {
  constructor(
    private readonly workbook: WorkbookModel,
    private readonly at: FormulaPosition,
    private readonly options: EvaluationOptions,
  ) {}

  scalar(node: FormulaNode): Cell {
    const value = this.value(node);
    if (value instanceof ArrayValue) {
      throw new Error("A whole column used where one value is expected is outside the engine's subset");
    }
    return value;
  }

  value(node: FormulaNode): Value {
    switch (node.type) {
      case "number":
      case "string":
      case "boolean":
        return node.value;
      case "name": {
        for (const [key, value] of this.workbook.names) if (sameName(key, node.name)) return value;
        throw new Error(`Unknown name ${node.name}`);
      }
      case "column": {
        const { name, table } = findTable(this.workbook, node.table);
        const index = columnIndex(table, name, node.column);
        this.options.beforeRead?.(name, table.columns[index]);
        // Excel keeps one blank data row in a table emptied of rows: its columns are one blank cell.
        if (table.rows.length === 0) return new ArrayValue([null]);
        return new ArrayValue(table.rows.map((row) => row[index] ?? null));
      }
      case "thisRow": {
        const { name, table } = findTable(this.workbook, node.table);
        if (!sameName(name, this.at.table)) {
          throw new Error(
            `${node.table}[[#This Row],...] outside ${node.table} is outside the engine's subset`,
          );
        }
        const index = columnIndex(table, name, node.column);
        this.options.beforeRead?.(name, table.columns[index]);
        const row = table.rows[this.at.row];
        if (!row) throw new Error(`${name} has no row ${this.at.row}`);
        return row[index] ?? null;
      }
      case "headers":
        throw new Error(`${node.table}[#Headers] other than in ROW is outside the engine's subset`);
      case "negate": {
        const n = toNumber(this.scalar(node.operand));
        return n instanceof FormulaError ? n : -n;
      }
      case "binary":
        return this.binary(node.op, this.scalar(node.left), this.scalar(node.right));
      case "call":
        return this.call(node.name, node.args);
    }
  }

  private binary(op: BinaryOp, left: Cell, right: Cell): Cell {
    if (left instanceof FormulaError) return left;
    if (right instanceof FormulaError) return right;
    switch (op) {
      case "&": {
        const a = toText(left);
        const b = toText(right);
        return a instanceof FormulaError ? a : b instanceof FormulaError ? b : a + b;
      }
      case "=":
        return compare(left, right) === 0;
      case "<>":
        return compare(left, right) !== 0;
      case "<":
        return compare(left, right) < 0;
      case ">":
        return compare(left, right) > 0;
      case "<=":
        return compare(left, right) <= 0;
      case ">=":
        return compare(left, right) >= 0;
    }
    const a = toNumber(left);
    if (a instanceof FormulaError) return a;
    const b = toNumber(right);
    if (b instanceof FormulaError) return b;
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? new FormulaError("#DIV/0!") : a / b;
    }
  }

  /**
   * A value in an array context (inside SUMPRODUCT): whole columns stay columns, operators and
   * negation apply cell by cell, COUNTIFS and SMALL take columns. Other functions are evaluated as
   * outside it (IF, MIN... do not work cell by cell there without array entry).
   */
  private arrayValue(node: FormulaNode): Value {
    switch (node.type) {
      case "negate": {
        return this.cellByCell([this.arrayValue(node.operand)], ([cell]) => {
          const n = toNumber(cell);
          return n instanceof FormulaError ? n : -n;
        });
      }
      case "binary": {
        const [left, right] = [this.arrayValue(node.left), this.arrayValue(node.right)];
        return this.cellByCell([left, right], ([a, b]) => this.binary(node.op, a, b));
      }
      case "call":
        if (node.name === "COUNTIFS") return this.countifs(node.args, true);
        if (node.name === "SMALL" || node.name === "LARGE") return this.kth(node.name, node.args, true);
        if (node.name === "INT")
          return this.cellByCell([this.arrayValue(node.args[0])], ([cell]) => {
            const n = toNumber(cell);
            return n instanceof FormulaError ? n : Math.floor(n);
          });
        if (node.name === "ROW") return this.row(node.args[0], true);
        return this.value(node);
      default:
        return this.value(node);
    }
  }

  /** Applies `fn` to the values, cell by cell where any is a column (columns of one length only). */
  private cellByCell(values: readonly Value[], fn: (cells: Cell[]) => Cell): Value {
    const arrays = values.filter((v): v is ArrayValue => v instanceof ArrayValue);
    if (arrays.length === 0) return fn(values as Cell[]);
    const length = arrays[0].cells.length;
    if (arrays.some((a) => a.cells.length !== length)) {
      throw new Error("Columns of different lengths in one operation are outside the engine's subset");
    }
    return new ArrayValue(
      Array.from({ length }, (_, i) => fn(values.map((v) => (v instanceof ArrayValue ? v.cells[i] : v)))),
    );
  }

  /** SUMPRODUCT: arrays of one size multiplied cell by cell and added; text, booleans and blanks are 0. */
  private sumproduct(args: readonly FormulaNode[]): Cell {
    const arrays = args.map((arg) => {
      const value = this.arrayValue(arg);
      return value instanceof ArrayValue ? value.cells : [value];
    });
    if (arrays.some((cells) => cells.length !== arrays[0].length)) return new FormulaError("#VALUE!");
    let sum = 0;
    for (let i = 0; i < arrays[0].length; i++) {
      let product = 1;
      for (const cells of arrays) {
        const cell = cells[i];
        if (cell instanceof FormulaError) return cell;
        product *= typeof cell === "number" ? cell : 0;
      }
      sum += product;
    }
    return sum;
  }

  /**
   * SMALL(array, k), LARGE(array, k): the k-th smallest or largest number (text, booleans and
   * blanks ignored, an error wins); #NUM! for k below 1 or above the count. The array is a column,
   * or computed inside SUMPRODUCT.
   */
  private kth(name: "SMALL" | "LARGE", args: readonly FormulaNode[], inArray: boolean): Cell {
    if (!inArray && args[0].type !== "column") {
      throw new Error(
        `${name} over a computed array needs array entry in Excel 2010-2019; inside SUMPRODUCT it does not`,
      );
    }
    const value = inArray ? this.arrayValue(args[0]) : this.value(args[0]);
    const cells = value instanceof ArrayValue ? value.cells : [value];
    const k = toNumber(this.scalar(args[1]));
    if (k instanceof FormulaError) return k;
    if (!Number.isInteger(k))
      throw new Error(`${name} with a k that is not a whole number is outside the engine's subset`);
    const numbers: number[] = [];
    for (const cell of cells) {
      if (cell instanceof FormulaError) return cell;
      if (typeof cell === "number") numbers.push(cell);
    }
    if (k < 1 || k > numbers.length) return new FormulaError("#NUM!");
    return numbers.sort((a, b) => (name === "SMALL" ? a - b : b - a))[k - 1];
  }

  /**
   * ROW(tbl[#Headers]): the header row's sheet row. ROW(tbl[Col]): the sheet rows of the column's
   * cells, inside SUMPRODUCT only (elsewhere Excel 2010-2019 would give the first row alone).
   */
  private row(arg: FormulaNode, inArray: boolean): Value {
    if (arg.type !== "headers" && arg.type !== "column")
      throw new Error("ROW of anything but a table column or tbl[#Headers] is outside the engine's subset");
    const { name, table } = findTable(this.workbook, arg.table);
    if (table.top === undefined) throw new Error(`${name} has no place on a sheet: ROW cannot be computed`);
    if (arg.type === "headers") return table.top;
    if (!inArray) throw new Error("ROW of a whole column outside SUMPRODUCT is outside the engine's subset");
    columnIndex(table, name, arg.column);
    // Excel keeps one blank data row in a table emptied of rows.
    const length = Math.max(1, table.rows.length);
    return new ArrayValue(Array.from({ length }, (_, i) => table.top! + 1 + i));
  }

  private array(node: FormulaNode, fn: string): readonly Cell[] {
    const value = this.value(node);
    if (!(value instanceof ArrayValue)) {
      throw new Error(`${fn} needs a table column here; a single value is outside the engine's subset`);
    }
    return value.cells;
  }

  private number(node: FormulaNode): number | FormulaError {
    return toNumber(this.scalar(node));
  }

  private call(name: string, args: readonly FormulaNode[]): Cell {
    switch (name) {
      case "IF": {
        const condition = toBoolean(this.scalar(args[0]));
        if (condition instanceof FormulaError) return condition;
        if (condition) return this.scalar(args[1]);
        return args.length > 2 ? this.scalar(args[2]) : false;
      }
      case "INT": {
        const n = this.number(args[0]);
        return n instanceof FormulaError ? n : Math.floor(n);
      }
      case "ROUNDUP":
      case "ROUND": {
        const n = this.number(args[0]);
        if (n instanceof FormulaError) return n;
        const digits = this.number(args[1]);
        if (digits instanceof FormulaError) return digits;
        const scale = 10 ** Math.trunc(digits);
        // Away from zero (ROUNDUP), or half away from zero (ROUND); Excel's 15-digit decimal
        // correction is not modelled.
        const magnitude = (name === "ROUND" ? Math.round : Math.ceil)(Math.abs(n) * scale);
        return (Math.sign(n) * magnitude) / scale + 0;
      }
      case "MIN":
      case "MAX":
      case "SUM":
      case "AVERAGE":
      case "VAR":
        return this.aggregate(name, args);
      case "NA":
        return new FormulaError("#N/A");
      case "SQRT": {
        const n = this.number(args[0]);
        if (n instanceof FormulaError) return n;
        return n < 0 ? new FormulaError("#NUM!") : Math.sqrt(n);
      }
      // The two distributions: computed with the core's numerics, so this engine checks the formulas'
      // arithmetic around them; LibreOffice's own POISSON and BETADIST are the independent witness.
      case "POISSON": {
        const [x, mean] = [this.number(args[0]), this.number(args[1])];
        if (x instanceof FormulaError) return x;
        if (mean instanceof FormulaError) return mean;
        if (this.scalar(args[2]) !== true) throw new Error("The engine computes POISSON(x, mean, TRUE) only");
        return x < 0 || mean < 0 ? new FormulaError("#NUM!") : poissonCdf(Math.trunc(x), mean);
      }
      case "BETADIST": {
        const [x, a, b] = [this.number(args[0]), this.number(args[1]), this.number(args[2])];
        for (const n of [x, a, b]) if (n instanceof FormulaError) return n;
        const [xn, an, bn] = [x, a, b] as number[];
        return xn < 0 || xn > 1 || an <= 0 || bn <= 0
          ? new FormulaError("#NUM!")
          : regularizedBeta(xn, an, bn);
      }
      case "COUNTIFS":
        return this.countifs(args, false) as Cell;
      case "SUMIFS":
        return this.sumifs(args);
      case "SUMPRODUCT":
        return this.sumproduct(args);
      case "SMALL":
      case "LARGE":
        return this.kth(name, args, false);
      case "ROW":
        return this.row(args[0], false) as Cell;
      case "INDEX": {
        const cells = this.array(args[0], name);
        const n = this.number(args[1]);
        if (n instanceof FormulaError) return n;
        const position = Math.trunc(n);
        if (position === 0) throw new Error("INDEX(..., 0) (a whole column) is outside the engine's subset");
        if (position < 0) return new FormulaError("#VALUE!");
        return position > cells.length ? new FormulaError("#REF!") : cells[position - 1];
      }
      case "MATCH": {
        const wanted = this.scalar(args[0]);
        const cells = this.array(args[1], name);
        const type = this.number(args[2]);
        if (type !== 0) throw new Error("MATCH is supported with match type 0 only");
        if (wanted instanceof FormulaError) return wanted;
        if (wanted === null) return new FormulaError("#N/A");
        const matches =
          typeof wanted === "string"
            ? (cell: Cell) => textMatches(cell, wildcardPattern(wanted))
            : (cell: Cell) => cell === wanted;
        const index = cells.findIndex(matches);
        return index < 0 ? new FormulaError("#N/A") : index + 1;
      }
      case "AND":
      case "OR":
        return this.logical(name, args);
      case "ISERROR":
        return this.scalar(args[0]) instanceof FormulaError;
      case "ISNUMBER":
        return typeof this.scalar(args[0]) === "number";
      case "IFERROR": {
        const value = this.scalar(args[0]);
        return value instanceof FormulaError ? this.scalar(args[1]) : value;
      }
      case "LEFT":
      case "MID":
      case "LEN":
      case "FIND":
        return this.textFunction(name, args);
      case "SHONLINE.FORECAST":
        return this.custom(customFunctions.forecast, args);
      case "SHONLINE.FORECASTDATE":
        return this.custom(customFunctions.forecastDate, args);
      default:
        throw new Error(`Unknown function ${name}`);
    }
  }

  /** AND, OR over scalar arguments (every argument is evaluated, as in Excel; an error wins). */
  private logical(name: "AND" | "OR", args: readonly FormulaNode[]): Cell {
    const values: boolean[] = [];
    for (const arg of args) {
      const value = toBoolean(this.scalar(arg));
      if (value instanceof FormulaError) return value;
      values.push(value);
    }
    return name === "AND" ? values.every(Boolean) : values.some(Boolean);
  }

  /** LEFT(text, n), MID(text, start, n), LEN(text), FIND(wanted, text): positions from 1, as Excel. */
  private textFunction(name: "LEFT" | "MID" | "LEN" | "FIND", args: readonly FormulaNode[]): Cell {
    const texts: string[] = [];
    const numbers: number[] = [];
    const textArgs = name === "FIND" ? 2 : 1;
    for (const [i, arg] of args.entries()) {
      const value = i < textArgs ? toText(this.scalar(arg)) : this.number(arg);
      if (value instanceof FormulaError) return value;
      if (typeof value === "string") texts.push(value);
      else numbers.push(Math.trunc(value));
    }
    const [text] = texts;
    switch (name) {
      case "LEN":
        return text.length;
      case "LEFT":
        return numbers[0] < 0 ? new FormulaError("#VALUE!") : text.slice(0, numbers[0]);
      case "MID":
        return numbers[0] < 1 || numbers[1] < 0
          ? new FormulaError("#VALUE!")
          : text.slice(numbers[0] - 1, numbers[0] - 1 + numbers[1]);
      case "FIND": {
        const index = texts[1].indexOf(texts[0]);
        return index < 0 ? new FormulaError("#VALUE!") : index + 1;
      }
    }
  }

  /**
   * MIN, MAX, SUM, AVERAGE and VAR (the sample variance): numbers in columns (text, booleans and
   * blanks there ignored); scalars coerced. AVERAGE of no number, and VAR of fewer than two, are
   * #DIV/0!, as in Excel.
   */
  private aggregate(name: "MIN" | "MAX" | "SUM" | "AVERAGE" | "VAR", args: readonly FormulaNode[]): Cell {
    const numbers: number[] = [];
    for (const arg of args) {
      const value = this.value(arg);
      if (value instanceof ArrayValue) {
        for (const cell of value.cells) {
          if (cell instanceof FormulaError) return cell;
          if (typeof cell === "number") numbers.push(cell);
        }
        continue;
      }
      if (value instanceof FormulaError) return value;
      const isReference = arg.type === "thisRow" || arg.type === "name";
      if (isReference && typeof value !== "number") continue;
      const n = toNumber(value);
      if (n instanceof FormulaError) return n;
      numbers.push(n);
    }
    const sum = numbers.reduce((total, n) => total + n, 0);
    if (name === "SUM") return sum;
    if (name === "AVERAGE") return numbers.length === 0 ? new FormulaError("#DIV/0!") : sum / numbers.length;
    if (name === "VAR") {
      if (numbers.length < 2) return new FormulaError("#DIV/0!");
      const mean = sum / numbers.length;
      return numbers.reduce((total, n) => total + (n - mean) ** 2, 0) / (numbers.length - 1);
    }
    if (numbers.length === 0) return 0;
    return name === "MIN" ? Math.min(...numbers) : Math.max(...numbers);
  }

  /**
   * COUNTIFS over range/criterion pairs. In an array context a criterion may be a column: the
   * result is then a column of counts, one per criterion cell.
   */
  private countifs(args: readonly FormulaNode[], inArray: boolean): Value {
    const ranges: (readonly Cell[])[] = [];
    const criteria: Value[] = [];
    for (let i = 0; i < args.length; i += 2) {
      ranges.push(this.array(args[i], "COUNTIFS"));
      criteria.push(inArray ? this.arrayValue(args[i + 1]) : this.scalar(args[i + 1]));
    }
    if (ranges.some((range) => range.length !== ranges[0].length)) return new FormulaError("#VALUE!");
    return this.cellByCell(criteria, (cells) => {
      const error = cells.find((cell): cell is FormulaError => cell instanceof FormulaError);
      if (error) return error;
      const tests = cells.map(criterionTest);
      let count = 0;
      for (let row = 0; row < ranges[0].length; row++) {
        if (ranges.every((range, k) => tests[k](range[row]))) count++;
      }
      return count;
    });
  }

  /**
   * SUMIFS(sum_range, range1, criterion1, ...): the numbers of sum_range (text and blanks there
   * add nothing, as in Excel) on the rows every criterion accepts, as COUNTIFS tests them.
   */
  private sumifs(args: readonly FormulaNode[]): Cell {
    const sums = this.array(args[0], "SUMIFS");
    const ranges: (readonly Cell[])[] = [];
    const tests: ((cell: Cell) => boolean)[] = [];
    for (let i = 1; i < args.length; i += 2) {
      ranges.push(this.array(args[i], "SUMIFS"));
      const criterion = this.scalar(args[i + 1]);
      if (criterion instanceof FormulaError) return criterion;
      tests.push(criterionTest(criterion));
    }
    if (ranges.some((range) => range.length !== sums.length)) return new FormulaError("#VALUE!");
    let total = 0;
    for (let row = 0; row < sums.length; row++) {
      const cell = sums[row];
      if (cell instanceof FormulaError) return cell;
      if (typeof cell === "number" && ranges.every((range, k) => tests[k](range[row]))) total += cell;
    }
    return total;
  }

  /** A custom function as Excel calls it: columns as n x 1 matrices, blanks "", errors as Error objects. */
  private custom(fn: (...args: never[]) => number, args: readonly FormulaNode[]): Cell {
    const toArgument = (cell: Cell) =>
      cell instanceof FormulaError ? new CustomFunctions.Error(cell.code as CustomFunctions.ErrorCode) : cell;
    const values: unknown[] = [];
    for (const arg of args) {
      const value = this.value(arg);
      if (value instanceof ArrayValue) {
        values.push(value.cells.map((cell) => [cell === null ? "" : toArgument(cell)]));
      } else {
        // A custom function is not called with an error in a single-value argument: the error is the result.
        if (value instanceof FormulaError) return value;
        values.push(value);
      }
    }
    try {
      return (fn as (...args: unknown[]) => number)(...values);
    } catch (error) {
      if (error instanceof CustomFunctions.Error) return new FormulaError(error.code as ErrorCode);
      throw error;
    }
  }
}

/** Evaluates one formula at a position (its table and row) of the workbook; a whole-column result throws. */
export function evaluateFormula(
  formula: string,
  workbook: WorkbookModel,
  at: FormulaPosition,
  options: EvaluationOptions = {},
): Cell {
  return new Evaluator(workbook, at, options).scalar(parseFormula(formula));
}

// ---- The tracking workbook ------------------------------------------------------------------

export interface TargetEdit {
  /** The goal's Id (BRANDS...). */
  readonly id: string;
  readonly target?: number;
  /** The comparator label in the workbook's language ("more than", "超过"...). */
  readonly comparator?: string;
  /** A date serial. */
  readonly deadline?: number;
}

export interface TemplateInputs {
  readonly language: "en" | "zh";
  /** Register rows, a cell per tblRegister column in column order. */
  readonly register: TemplateCell[][];
  /** The AsOfDate name's value (a date serial, possibly with a time of day). */
  readonly asOf: number;
  readonly targetEdits?: readonly TargetEdit[];
  /** The About row's reporting unit (the SHONLINE_ReportingUnit name); blank when left out. */
  readonly reportingUnit?: string;
  /** What the About row Status rule says (the template's default when left out). */
  readonly statusRuleName?: string;
  /** Thresholds typed on a rule's row of the Status rules table. */
  readonly statusRuleEdits?: readonly StatusRule[];
  /** Quotas typed on the Districts sheet: the cell of a district's row (its label) for a goal (its id). */
  readonly quotaEdits?: readonly { readonly district: string; readonly goal: string; readonly quota: Cell }[];
}

interface FormulaColumn {
  readonly table: TableSpec;
  readonly header: string;
  readonly index: number;
  readonly formula: string;
}

const key = (table: string, column: string) => `${table.toUpperCase()}\u0000${column.toUpperCase()}`;

function formulaColumns(language: "en" | "zh"): FormulaColumn[] {
  return TABLES.flatMap((table) =>
    table.columns.flatMap((column, index) =>
      column.formula
        ? [{ table, header: column.header[language], index, formula: columnFormula(table, column, language) }]
        : [],
    ),
  );
}

/**
 * The order formula columns are computed in: each after every formula column it reads, otherwise
 * in table then column order. Throws on a circular reference.
 */
function orderColumns(columns: FormulaColumn[]): FormulaColumn[] {
  const byKey = new Map(columns.map((c) => [key(c.table.name, c.header), c]));
  const dependencies = new Map(
    columns.map((c) => [
      c,
      formulaReferences(c.formula)
        .map((ref) => byKey.get(key(ref.table, ref.column)))
        .filter((d): d is FormulaColumn => d !== undefined),
    ]),
  );
  const done = new Set<FormulaColumn>();
  const order: FormulaColumn[] = [];
  while (order.length < columns.length) {
    const next = columns.find((c) => !done.has(c) && dependencies.get(c)!.every((d) => done.has(d)));
    if (!next) {
      const left = columns.filter((c) => !done.has(c)).map((c) => `${c.table.name}[${c.header}]`);
      throw new Error(`Circular references among ${left.join(", ")}`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}

/** The formula columns of the template in the order evaluateTemplate computes them, as tbl[Header]. */
export function evaluationOrder(language: "en" | "zh"): string[] {
  return orderColumns(formulaColumns(language)).map((c) => `${c.table.name}[${c.header}]`);
}

function applyEdits(
  table: TableSpec,
  rows: Cell[][],
  language: "en" | "zh",
  edits: readonly TargetEdit[],
): void {
  const index = (id: string) => table.columns.findIndex((column) => column.id === id);
  for (const edit of edits) {
    const row = rows.find((r) => r[index("id")] === edit.id);
    if (!row) throw new Error(`No ${table.name} row with Id ${edit.id} (${language})`);
    if (edit.target !== undefined) row[index("target")] = edit.target;
    if (edit.comparator !== undefined) row[index("comparator")] = edit.comparator;
    if (edit.deadline !== undefined) row[index("deadline")] = edit.deadline;
  }
}

/**
 * The tracking workbook as the template creates it, filled with a register and evaluated: every
 * table of TABLES from its headers and seed rows (Register from `register`, History empty), the
 * target edits applied to the seeded Targets cells, AsOfDate set, and every formula column
 * computed in dependency order. Reading a formula column before it is computed throws.
 */
export function evaluateTemplate(options: TemplateInputs): WorkbookModel {
  const { language, asOf } = options;
  const tables = new Map<string, ModelTable>();
  for (const table of TABLES) {
    const columns = headers(table, language);
    let rows: Cell[][];
    if (table.id === "register") {
      rows = options.register.map((row, i) => {
        if (row.length !== columns.length) {
          throw new Error(
            `Register row ${i + 1} has ${row.length} cells; tblRegister has ${columns.length} columns`,
          );
        }
        return [...row];
      });
    } else {
      rows = (table.seedRows?.(language) ?? []).map((row) => [...row]);
    }
    if (table.id === "targets") applyEdits(table, rows, language, options.targetEdits ?? []);
    if (table.id === "about") rows[ABOUT_AS_OF_ROW][1] = asOf;
    if (table.id === "about") rows[aboutReportingUnitRow(language)][1] = options.reportingUnit ?? null;
    if (table.id === "about" && options.statusRuleName !== undefined)
      rows.find((row) => row[0] === ABOUT_STATUS_RULE[language])![1] = options.statusRuleName;
    if (table.id === "statusRules")
      for (const edit of options.statusRuleEdits ?? []) {
        const row = rows.find((r) => r[0] === edit.id)!;
        [row[2], row[3]] = [edit.onTrack, edit.atRisk];
      }
    if (table.id === "districts")
      for (const edit of options.quotaEdits ?? []) {
        const row = rows.find((r) => r[0] === edit.district && r[1] === edit.goal);
        if (!row) throw new Error(`No Districts row for ${edit.district} and ${edit.goal}`);
        row[columns.indexOf(DISTRICT_HEADERS.quota[language])] = edit.quota;
      }
    tables.set(table.name, { columns, rows, top: table.anchor.row + 1 });
  }
  const names = new Map<string, Cell>([
    [NAMES.asOf, asOf],
    [NAMES.version, TEMPLATE_VERSION],
    [NAMES.language, language],
    [NAMES.reportingUnit, options.reportingUnit ?? null],
  ]);
  const workbook: WorkbookModel = { tables, names };

  const order = orderColumns(formulaColumns(language));
  const pending = new Set(order.map((c) => key(c.table.name, c.header)));
  const beforeRead = (table: string, column: string) => {
    if (pending.has(key(table, column))) throw new Error(`${table}[${column}] read before it was computed`);
  };
  for (const column of order) {
    const rows = tables.get(column.table.name)!.rows;
    rows.forEach((row, r) => {
      row[column.index] = evaluateFormula(
        column.formula,
        workbook,
        { table: column.table.name, row: r },
        { beforeRead },
      );
    });
    pending.delete(key(column.table.name, column.header));
  }
  return workbook;
}

/** A table's rows as records keyed by header. */
export function tableRecords(workbook: WorkbookModel, table: string): Record<string, Cell>[] {
  const { table: model } = findTable(workbook, table);
  return model.rows.map((row) =>
    Object.fromEntries(model.columns.map((header, i) => [header, row[i] ?? null])),
  );
}
