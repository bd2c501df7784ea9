/** Turning a failure into a sentence the user can act on, in the pane's language. */
import { EngineError } from "../core/errors";
import type { Language } from "../core/language";
import { MissingColumnError } from "../core/tracking";
import { WorkbookProtectedError } from "../excel/apply-template";
import { CellInTableError, CellNotEmptyError, NotOneCellError } from "../excel/insert-example";
import { StatusRulesMissingError } from "../excel/status-rule";
import { NotATrackingWorkbookError } from "../excel/tables";
import { BilingualError } from "../excel/trail";
import { SubmissionError } from "../core/submission";
import { TrailError } from "../core/trail";
import { formatList } from "./format";
import type { Translate } from "./i18n";

export function describeFailure(error: unknown, t: Translate, language: Language = "en"): string {
  // Refusals that say what to do in both languages: an edit, a file to merge, an old workbook.
  if (error instanceof TrailError || error instanceof BilingualError) return error.text[language];
  if (error instanceof SubmissionError) return error.said[language];
  if (error instanceof NotATrackingWorkbookError) return t("errorNoTemplate");
  if (error instanceof NotOneCellError)
    return error.address === undefined ? t("selectOneRange") : t("selectOneCell", { address: error.address });
  if (error instanceof CellNotEmptyError) return t("cellNotEmpty", { address: error.address });
  if (error instanceof CellInTableError)
    return t("cellInTable", { address: error.address, table: error.table });
  if (error instanceof StatusRulesMissingError) return t("statusRulesMissing");
  if (error instanceof MissingColumnError)
    return t("missingColumn", { column: error.header[language], table: error.table[language] });
  if (error instanceof WorkbookProtectedError)
    return t("workbookProtected", { sheets: formatList(error.sheets, language) });
  if (error instanceof EngineError) return t("dataProblem", { message: error.messageIn(language) });
  const message = error instanceof Error ? error.message : String(error);
  return t("errorExcel", { message });
}
