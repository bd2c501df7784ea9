/** What applying the template would do to this workbook, without changing it (2 reads). */
import type { Language } from "../core/language";
import { planTemplate, type TemplatePlan } from "../core/template/plan-apply";
import { readWorkbookState } from "./workbook-state";

export async function previewTemplate(
  context: Excel.RequestContext,
  language: Language,
): Promise<TemplatePlan> {
  const { state } = await readWorkbookState(context);
  return planTemplate(state, language);
}
