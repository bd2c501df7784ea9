/** "Check this Excel": the result of each check, and a plain-text report to copy for a support request. */
import { Badge, Body1, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { CheckStatus, DiagnosticsReport } from "../../excel/diagnostics";
import { usePane } from "../context";
import {
  checkDetail,
  checkedAtText,
  checkLabel,
  diagnosticsText,
  officeLines,
  statusLabel,
  summaryText,
} from "../diagnostics-text";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Loading } from "../Notice";
import { TextToCopy } from "../TextToCopy";
import { useAction } from "../use-action";

/** Colour reinforces the result; the badge's text always says it. */
const BADGE_COLOUR: Record<CheckStatus, "success" | "danger" | "informative" | "subtle"> = {
  pass: "success",
  fail: "danger",
  unavailable: "informative",
  skipped: "subtle",
};

const useStyles = makeStyles({
  line: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
});

export default function DiagnosticsSection() {
  const layout = useLayoutStyles();
  const styles = useStyles();
  const { language, t, client } = usePane();
  const { busy, message, run, say } = useAction();
  const [report, setReport] = useState<DiagnosticsReport>();
  // Shown when the pane may not write to the clipboard, for the person to copy by hand.
  const [showText, setShowText] = useState(false);

  const check = () =>
    run(async () => {
      setShowText(false);
      setReport(await client.runDiagnostics());
    });

  const copy = async (shown: DiagnosticsReport) => {
    try {
      await navigator.clipboard.writeText(diagnosticsText(shown, t, language));
      setShowText(false);
      say("success", "diagnosticsCopied");
    } catch {
      // No clipboard here, or no permission to write to it (some Office webviews): the report is shown instead.
      setShowText(true);
      say("warning", "diagnosticsCopyBlocked");
    }
  };

  return (
    <Section headingId="diagnostics-title" title={t("diagnosticsTitle")} testId="diagnostics">
      <Body1>{t("diagnosticsBody")}</Body1>
      <div className={layout.row}>
        <Button disabledFocusable={busy} onClick={() => void check()}>
          {t("diagnosticsRun")}
        </Button>
        {report && !busy ? <Button onClick={() => void copy(report)}>{t("diagnosticsCopy")}</Button> : null}
      </div>
      {busy ? <Loading label={t("diagnosticsRunning")} /> : null}
      <ActionNotice message={message} />
      {report && !busy ? (
        <div className={layout.form} data-testid="diagnostics-results">
          <div>
            {[...officeLines(report, t), t("diagnosticsDate", { date: checkedAtText(report) })].map(
              (line) => (
                <Caption1 key={line} block>
                  {line}
                </Caption1>
              ),
            )}
          </div>
          <Body1 data-testid="diagnostics-summary">{summaryText(report, t)}</Body1>
          <ul className={layout.spacedList}>
            {report.checks.map((check) => {
              const detail = checkDetail(check, report, t);
              const key = `${check.id}-${check.requirement?.version ?? ""}`;
              return (
                <li key={key} data-testid={`check-${key.replace(/-$/, "")}`} data-status={check.status}>
                  <div className={styles.line}>
                    <Badge className={styles.badge} appearance="tint" color={BADGE_COLOUR[check.status]}>
                      {statusLabel(check.status, t)}
                    </Badge>
                    <Body1>{checkLabel(check, report, t, language)}</Body1>
                  </div>
                  {detail ? <Caption1 block>{detail}</Caption1> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {report && showText ? (
        <TextToCopy
          id="diagnostics-report"
          label={t("diagnosticsReport")}
          text={diagnosticsText(report, t, language)}
        />
      ) : null}
    </Section>
  );
}
