/** Writing the status rule into the workbook: its name on About, its thresholds on Status rules. */
import type { Language } from "../core/language";
import { STATUS_RULE_LABELS, type StatusRule } from "../core/status-rules";
import { ABOUT_STATUS_RULE, tableSpec } from "../core/template/template";
import { columnIndex } from "../core/tracking";
import { whenTracking } from "./tables";

/** The workbook predates the status rules (version 6): applying the template adds them. */
export class StatusRulesMissingError extends Error {
  constructor() {
    super("This workbook has no status rules yet: apply the template to upgrade it.");
    this.name = "StatusRulesMissingError";
  }
}

/**
 * Names `rule` on the About row and writes its thresholds into its row of the Status rules table,
 * in the workbook's language. Two round trips: one to find the rows, one to write.
 */
export async function setStatusRule(
  context: Excel.RequestContext,
  rule: StatusRule,
  language: Language,
): Promise<void> {
  return whenTracking(async () => {
    const tables = context.workbook.tables;
    const about = tables.getItem(tableSpec("about").name);
    const aboutValues = about.getRange().load("values");
    const rules = tables.getItemOrNullObject(tableSpec("statusRules").name).load("isNullObject");
    await context.sync();
    if (rules.isNullObject) throw new StatusRulesMissingError();
    const rulesValues = rules.getRange().load("values");
    await context.sync();

    const aboutBlock = { headers: aboutValues.values[0].map(String), rows: aboutValues.values.slice(1) };
    const aboutSpec = tableSpec("about");
    const itemAt = columnIndex(aboutBlock, aboutSpec, "item");
    const valueAt = columnIndex(aboutBlock, aboutSpec, "value");
    const aboutRow = aboutBlock.rows.findIndex(
      (row) => String(row[itemAt] ?? "").toLowerCase() === ABOUT_STATUS_RULE[language].toLowerCase(),
    );
    const rulesBlock = { headers: rulesValues.values[0].map(String), rows: rulesValues.values.slice(1) };
    const rulesSpec = tableSpec("statusRules");
    const at = (id: string) => columnIndex(rulesBlock, rulesSpec, id);
    const ruleRow = rulesBlock.rows.findIndex((row) => String(row[at("id")] ?? "").toUpperCase() === rule.id);
    if (aboutRow < 0 || valueAt < 0 || ruleRow < 0 || at("onTrack") < 0 || at("atRisk") < 0)
      throw new StatusRulesMissingError();

    const aboutBody = about.getDataBodyRange();
    aboutBody.getCell(aboutRow, valueAt).values = [[STATUS_RULE_LABELS[rule.id][language]]];
    const rulesBody = rules.getDataBodyRange();
    rulesBody.getCell(ruleRow, at("onTrack")).values = [[rule.onTrack]];
    rulesBody.getCell(ruleRow, at("atRisk")).values = [[rule.atRisk]];
    await context.sync();
  });
}
