/** Turning a failure into a sentence the user can act on, in the pane's language. */
import { NotComputedError } from "../excel/sharing";
import { NotATrackingWorkbookError } from "../excel/tables";
import type { Translate } from "./i18n";

export function describeFailure(error: unknown, t: Translate): string {
  if (error instanceof NotATrackingWorkbookError) return t("errorNoTemplate");
  if (error instanceof NotComputedError) return t("notComputed", { cells: error.cells.join(", ") });
  const message = error instanceof Error ? error.message : String(error);
  return t("errorExcel", { message });
}
