/**
 * The order in which applying the template writes to a workbook. Excel carries out a batch in the
 * order it was queued and refuses a formula whose structured reference names a table or column
 * that does not exist yet, or a list validation whose source name is not defined; a failed batch
 * keeps what ran before it. So each write says what it needs (read from the formulas and rules it
 * writes) and what it provides, and the writes are put in an order where every need is met by the
 * workbook as it was or by an earlier write. Pure: src/excel carries the steps out.
 */
import { evidenceLinkFormula } from "../evidence-link";
import type { Language } from "../language";
import { cellAddress, valueForCell } from "./cell-text";
import { columnFormula } from "./formulas";
import { hasTitleRow, printsSheet, TITLE_ROW, titleFormula } from "./page-setup";
import type { Cell, ColumnSpec, ConditionalFormatSpec, DataBarBounds, TableSpec } from "./structure";
import { ABOUT_AS_OF_ROW, headers, NAMES, sheetSpec, TABLES, tableSpec } from "./template";
import type { NameChange, SheetPlacement, TemplateChanges, WorkbookState } from "./template-changes";

/** A data validation rule as Excel's DataValidationRule takes it. */
export type ValidationRule =
  | { readonly list: { readonly inCellDropDown: true; readonly source: string } }
  | { readonly date: { readonly formula1: string; readonly formula2: string; readonly operator: "Between" } }
  | { readonly custom: { readonly formula: string } };

export interface Prompt {
  readonly showPrompt: true;
  readonly title: string;
  readonly message: string;
}

/** A column of one of our tables, with the number of body rows it has when the step runs. */
interface ColumnTarget {
  readonly table: TableSpec;
  readonly column: ColumnSpec;
  readonly rows: number;
}

export type WriteStep = (
  | { readonly kind: "sheet"; readonly placement: SheetPlacement }
  | { readonly kind: "table"; readonly table: TableSpec; readonly block: (string | number | boolean)[][] }
  /** A column added to an existing table at index `at`, or at its end (null). */
  | {
      readonly kind: "column";
      readonly table: TableSpec;
      readonly column: ColumnSpec;
      readonly at: number | null;
    }
  /** Rows added at the end of an existing table: one cell per existing column, null to leave blank. */
  | {
      readonly kind: "rows";
      readonly table: TableSpec;
      readonly rows: (string | number | boolean | null)[][];
    }
  | { readonly kind: "name"; readonly name: NameChange }
  | ({ readonly kind: "numberFormat"; readonly format: string } & ColumnTarget)
  | ({ readonly kind: "alignment"; readonly horizontal: "Center" } & ColumnTarget)
  | ({ readonly kind: "formula"; readonly formula: string } & ColumnTarget)
  | ({ readonly kind: "validation"; readonly rule?: ValidationRule; readonly prompt?: Prompt } & ColumnTarget)
  | ({
      readonly kind: "conditionalFormat";
      readonly format: ConditionalFormatSpec["kind"];
      /** A data bar's bounds: the values of an empty and a full cell. */
      readonly bounds?: DataBarBounds;
    } & ColumnTarget)
  /** The About table's as-of cell: =TODAY() when the table is new, its date format always. */
  | { readonly kind: "asOf"; readonly row: number; readonly column: number; readonly fresh: boolean }
  | { readonly kind: "chart" }
  /** A new sheet's title row: its name and the as-of date, in the first cell of its title row. */
  | {
      readonly kind: "title";
      readonly placement: SheetPlacement;
      readonly row: number;
      readonly column: number;
      readonly formula: string;
    }
) & {
  /** What must exist before the step runs: sheet:, table:, column: and name: keys. */
  readonly needs: readonly string[];
  readonly provides: readonly string[];
};

const lower = (text: string) => text.toLowerCase();
export const sheetKey = (id: string) => `sheet:${id}`;
export const tableKey = (table: string) => `table:${lower(table)}`;
export const columnKey = (table: string, column: string) => `column:${lower(table)}[${lower(column)}]`;
export const nameKey = (name: string) => `name:${lower(name)}`;

/**
 * What a formula refers to: the tables and columns of its structured references (a reference with
 * no table name is to `ownTable`) and the defined names it uses. Text literals are skipped.
 */
export function formulaNeeds(formula: string, ownTable?: string): string[] {
  const needs = new Set<string>();
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const withoutReferences = code.replace(
    /([A-Za-z_\\][\w.\\]*)?\[((?:\[[^\]]*\]|[^[\]])*)\]/g,
    (_, table: string | undefined, inner: string) => {
      const name = table ?? ownTable;
      if (name === undefined) throw new Error(`${formula}: a structured reference outside a table`);
      needs.add(tableKey(name));
      const items = inner.includes("[") ? [...inner.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]) : [inner];
      for (const item of items) {
        const column = item.replace(/^@/, "").trim();
        if (column !== "" && !column.startsWith("#"))
          needs.add(columnKey(name, column.replace(/'(.)/g, "$1")));
      }
      return "0";
    },
  );
  for (const match of withoutReferences.matchAll(/(?<![\w.$])([A-Za-z_\\][\w.\\]*)(?![\w.(!])/g)) {
    const word = match[1];
    if (/^(TRUE|FALSE)$/i.test(word) || /^\$?[A-Z]{1,3}\$?\d+$/i.test(word)) continue;
    needs.add(nameKey(word));
  }
  return [...needs];
}

function bodyRowsOf(
  spec: TableSpec,
  language: Language,
  existingRows: number | undefined,
  added: number,
): number {
  // A table made here has its seed rows, or Excel's one blank row.
  return existingRows === undefined
    ? Math.max(1, spec.seedRows?.(language).length ?? 0)
    : existingRows + added;
}

function promptFor(column: ColumnSpec, language: Language): Prompt | undefined {
  return column.note
    ? { showPrompt: true, title: column.header[language], message: column.note[language] }
    : undefined;
}

function ruleFor(column: ColumnSpec, firstCell: string): ValidationRule | undefined {
  const validation = column.validation;
  if (!validation) return undefined;
  if (validation.kind === "list")
    return { list: { inCellDropDown: true, source: `=${NAMES.list(validation.list)}` } };
  if (validation.kind === "date")
    return { date: { formula1: validation.min, formula2: validation.max, operator: "Between" } };
  return { custom: { formula: `=${evidenceLinkFormula(firstCell)}` } };
}

function ruleNeeds(rule: ValidationRule | undefined): string[] {
  if (!rule) return [];
  if ("list" in rule) return formulaNeeds(rule.list.source);
  if ("custom" in rule) return formulaNeeds(rule.custom.formula);
  return [];
}

/** The writes that carry out `changes`, each after everything it needs. */
export function planWrites(changes: TemplateChanges): WriteStep[] {
  // Positions as the writes find them: below the title rows inserted first.
  const state = changes.placed;
  const language = changes.language;
  const existingTable = (spec: TableSpec) => state.tables.find((t) => lower(t.name) === lower(spec.name));
  const steps: WriteStep[] = [];
  const headerOf = (column: ColumnSpec) => column.header[language];

  for (const placement of changes.sheets)
    if (placement.create)
      steps.push({ kind: "sheet", placement, needs: [], provides: [sheetKey(placement.spec.id)] });
  for (const placement of changes.sheets)
    if (
      (placement.create && printsSheet(placement.spec) && hasTitleRow(placement.spec)) ||
      changes.titleRows.includes(placement)
    ) {
      const formula = titleFormula(placement.spec, language);
      steps.push({
        kind: "title",
        placement,
        row: TITLE_ROW,
        column: tableSpec(placement.spec.tables[0]).anchor.column,
        formula,
        needs: [sheetKey(placement.spec.id), ...formulaNeeds(formula)],
        provides: [],
      });
    }

  // Grouped by table, in the template's order: the sort below moves each write after what it needs.
  for (const spec of TABLES) {
    const existing = existingTable(spec);
    const added = changes.newRows.find((r) => r.table === spec)?.rows ?? [];
    const adding = changes.newColumns.find((c) => c.table === spec);
    const newColumns = adding?.columns ?? [];
    const rows = bodyRowsOf(spec, language, existing?.rowCount, added.length);
    const fresh = existing === undefined;
    const columnsProvided = (columns: readonly ColumnSpec[]) =>
      columns.map((c) => columnKey(spec.name, headerOf(c)));
    const needsTable = [tableKey(spec.name)];
    const afterRows = added.length > 0 ? [`rows:${lower(spec.name)}`] : [];

    if (fresh) {
      const seed = spec.seedRows?.(language) ?? [];
      steps.push({
        kind: "table",
        table: spec,
        block: [headers(spec, language), ...seed.map((row) => row.map((cell) => valueForCell(cell)))],
        needs: [sheetKey(spec.sheet)],
        provides: [tableKey(spec.name), ...columnsProvided(spec.columns)],
      });
    } else {
      // In the order decided: each index counts the columns added before it.
      newColumns.forEach((column, k) =>
        steps.push({
          kind: "column",
          table: spec,
          column,
          at: adding!.at[k] === existing.columns.length + k ? null : adding!.at[k],
          needs: needsTable,
          provides: columnsProvided([column]),
        }),
      );
      if (added.length > 0) {
        const tableHeaders = (adding?.headersAfter ?? existing.columns).map(lower);
        steps.push({
          kind: "rows",
          table: spec,
          rows: added.map((row) => rowForExisting(spec, language, tableHeaders, row)),
          needs: [...needsTable, ...columnsProvided(newColumns)],
          provides: [`rows:${lower(spec.name)}`],
        });
      }
    }

    // Where the table's body starts, and each column's place in it, for relative rule formulas.
    const bodyRow = existing?.bodyRow ?? spec.anchor.row + 1;
    const bodyColumn = existing?.bodyColumn ?? spec.anchor.column;
    const order = (existing ? (adding?.headersAfter ?? existing.columns) : headers(spec, language)).map(
      lower,
    );
    const hasRows = fresh ? (spec.seedRows?.(language).length ?? 0) > 0 : rows > 0;

    for (const column of spec.columns) {
      const target = { table: spec, column, rows };
      // After the table's new columns too: one added before a column moves it, and its rules.
      const own = [columnKey(spec.name, headerOf(column)), ...columnsProvided(newColumns), ...afterRows];
      if (column.numberFormat)
        steps.push({
          kind: "numberFormat",
          format: column.numberFormat,
          ...target,
          needs: own,
          provides: [],
        });
      if (column.align === "center")
        steps.push({ kind: "alignment", horizontal: "Center", ...target, needs: own, provides: [] });
      if (column.role === "formula" && hasRows) {
        const formula = columnFormula(spec, column, language);
        steps.push({
          kind: "formula",
          formula,
          ...target,
          needs: [...own, ...formulaNeeds(formula, spec.name)],
          provides: [],
        });
      }
      if (column.validation || column.note) {
        const firstCell = cellAddress(bodyRow, bodyColumn + order.indexOf(lower(headerOf(column))));
        const rule = ruleFor(column, firstCell);
        steps.push({
          kind: "validation",
          rule,
          prompt: promptFor(column, language),
          ...target,
          needs: [...own, ...ruleNeeds(rule)],
          provides: [],
        });
      }
      const conditional = spec.conditionalFormats?.find((c) => c.column === column.id);
      if (conditional && hasRows)
        steps.push({
          kind: "conditionalFormat",
          format: conditional.kind,
          ...(conditional.kind === "dataBar" ? { bounds: conditional.bounds } : {}),
          ...target,
          needs: own,
          provides: [],
        });
    }
    if (spec.id === "about")
      steps.push({
        kind: "asOf",
        row: bodyRow + ABOUT_AS_OF_ROW,
        column: bodyColumn + 1,
        fresh,
        needs: [sheetKey(spec.sheet), ...needsTable],
        provides: [],
      });
  }

  for (const name of changes.names)
    steps.push({
      kind: "name",
      name,
      needs: name.kind === "cell" ? [sheetKey(name.sheet)] : [],
      provides: [nameKey(name.name)],
    });

  if (changes.addChart) {
    const chart = sheetSpec("dashboard").chart!;
    const timeline = tableSpec(chart.table);
    steps.push({
      kind: "chart",
      needs: [sheetKey("dashboard"), tableKey(timeline.name)],
      provides: [],
    });
  }
  return inDependencyOrder(steps, existingKeys(changes, state));
}

/** The cells of a template row for a table that has `tableHeaders`: null where the add-in writes nothing. */
function rowForExisting(
  spec: TableSpec,
  language: Language,
  tableHeaders: readonly string[],
  row: readonly Cell[],
): (string | number | boolean | null)[] {
  const template = headers(spec, language).map(lower);
  return tableHeaders.map((header) => {
    const index = template.indexOf(header);
    const column = spec.columns[index];
    if (index < 0 || column.role === "formula") return null;
    return row[index] === null ? null : valueForCell(row[index]);
  });
}

/** What the workbook already holds, as step keys. */
function existingKeys(changes: TemplateChanges, state: WorkbookState): Set<string> {
  const keys = new Set<string>();
  for (const placement of changes.sheets) if (!placement.create) keys.add(sheetKey(placement.spec.id));
  for (const table of state.tables) {
    keys.add(tableKey(table.name));
    for (const column of table.columns) keys.add(columnKey(table.name, column));
  }
  for (const name of state.names.keys()) keys.add(nameKey(name));
  return keys;
}

/** A stable topological order: each step as early as its needs allow, ties kept in the given order. */
export function inDependencyOrder(steps: readonly WriteStep[], existing: ReadonlySet<string>): WriteStep[] {
  const available = new Set(existing);
  const waiting = [...steps];
  const ordered: WriteStep[] = [];
  while (waiting.length > 0) {
    const index = waiting.findIndex((step) => step.needs.every((need) => available.has(need)));
    if (index < 0) {
      const unmet = [...new Set(waiting.flatMap((s) => s.needs.filter((n) => !available.has(n))))];
      throw new Error(`The template's writes need what nothing provides: ${unmet.join(", ")}`);
    }
    const [step] = waiting.splice(index, 1);
    step.provides.forEach((key) => available.add(key));
    ordered.push(step);
  }
  return ordered;
}

/** A label of a step, for messages and tests. */
export function describeStep(step: WriteStep): string {
  switch (step.kind) {
    case "sheet":
      return `sheet ${step.placement.name}`;
    case "name":
      return `name ${step.name.name}`;
    case "chart":
      return "chart";
    case "asOf":
      return "as-of cell";
    case "title":
      return `title ${step.placement.name}`;
    case "table":
    case "column":
    case "rows":
      return `${step.kind} ${step.table.name}${step.kind === "column" ? `[${step.column.id}]` : ""}`;
    default:
      return `${step.kind} ${step.table.name}[${step.column.id}]`;
  }
}
