/** What applying the template would do to this workbook, without changing it (2 reads). */
import type { Language } from "../core/language";
import { decideTemplateChanges, type TemplateChanges } from "../core/template/template-changes";
import { readWorkbookState } from "./workbook-state";

export async function previewTemplate(
  context: Excel.RequestContext,
  language: Language,
): Promise<TemplateChanges> {
  const { state } = await readWorkbookState(context);
  return decideTemplateChanges(state, language);
}
