/**
 * The check of this Excel (src/excel/diagnostics.ts) in words: each check's label, result and
 * detail in the pane's language, and the plain-text report a person pastes into a support request.
 * The pane's list and the copied report say the same things.
 */
import type { Language } from "../core/language";
import type { CheckDetail, CheckId, CheckResult, CheckStatus, DiagnosticsReport } from "../excel/diagnostics";
import type { MessageKey, Translate } from "./i18n";

const STATUS_KEYS: Readonly<Record<CheckStatus, MessageKey>> = {
  pass: "statusPass",
  fail: "statusFail",
  unavailable: "statusUnavailable",
  skipped: "statusSkipped",
};

const CHECK_KEYS: Readonly<Record<Exclude<CheckId, "requirement">, MessageKey>> = {
  settings: "checkSettings",
  sheet: "checkSheet",
  table: "checkTable",
  validation: "checkValidation",
  conditionalFormats: "checkConditionalFormats",
  names: "checkNames",
  function: "checkFunction",
  cleanup: "checkCleanup",
};

export function statusLabel(status: CheckStatus, t: Translate): string {
  return t(STATUS_KEYS[status]);
}

export function checkLabel(check: CheckResult, report: DiagnosticsReport, t: Translate, language: Language) {
  if (check.id === "requirement" && check.requirement) {
    const { set, version, purpose, required } = check.requirement;
    return t(required ? "checkRequired" : "checkOptional", {
      set: `${set} ${version}`,
      purpose: purpose[language],
    });
  }
  return t(CHECK_KEYS[check.id as Exclude<CheckId, "requirement">], { formula: report.functionFormula });
}

function errorText(detail: Extract<CheckDetail, { kind: "error" }>, t: Translate): string {
  const text = detail.code
    ? t("detailErrorCode", { code: detail.code, message: detail.message })
    : detail.message;
  return detail.location ? t("detailErrorAt", { text, location: detail.location }) : text;
}

/** What went wrong, or undefined for a check that passed. */
export function checkDetail(check: CheckResult, report: DiagnosticsReport, t: Translate): string | undefined {
  const detail = check.detail;
  if (!detail) return undefined;
  switch (detail.kind) {
    case "error":
      return check.id === "cleanup"
        ? t("detailCleanupFailed", { sheet: report.sheetName, message: errorText(detail, t) })
        : errorText(detail, t);
    case "shown": {
      const shown = (value: string) => (value === "" ? t("detailEmpty") : value);
      return t("detailShown", { value: shown(detail.value), expected: shown(detail.expected) });
    }
    case "notLoaded":
      return t("detailNotLoaded", { value: detail.value });
    case "stillBusy":
      return t("detailStillBusy", { reads: detail.reads });
    case "notSupported":
      return check.requirement?.required ? t("detailRequiredMissing") : t("detailOptionalMissing");
    case "noSheet":
      return t("detailNoSheet");
  }
}

/** The check's time as people read it: 2024-05-06 09:30 UTC. */
export function checkedAtText(report: DiagnosticsReport): string {
  return `${report.checkedAt.slice(0, 16).replace("T", " ")} UTC`;
}

/** Office's version, platform and application, one line each. */
export function officeLines(report: DiagnosticsReport, t: Translate): string[] {
  const known = (value: string) => value || t("unknown");
  return [
    t("officeVersion", { version: known(report.office.version) }),
    t("officePlatform", { platform: known(report.office.platform) }),
    t("officeHost", { host: known(report.office.host) }),
  ];
}

export function summaryText(report: DiagnosticsReport, t: Translate): string {
  const count = (status: CheckStatus) => report.checks.filter((check) => check.status === status).length;
  return t("diagnosticsSummary", { passed: count("pass"), failed: count("fail") });
}

/** The plain-text report for a support request. */
export function diagnosticsText(report: DiagnosticsReport, t: Translate, language: Language): string {
  const checks = report.checks.map((check) => {
    const detail = checkDetail(check, report, t);
    const line = `[${statusLabel(check.status, t)}] ${checkLabel(check, report, t, language)}`;
    return detail ? `${line}\n    ${detail}` : line;
  });
  return [
    t("diagnosticsReportHeading", { app: t("appTitle"), check: t("diagnosticsRun") }),
    t("diagnosticsDate", { date: checkedAtText(report) }),
    ...officeLines(report, t),
    "",
    ...checks,
    "",
    summaryText(report, t),
    "",
  ].join("\n");
}
