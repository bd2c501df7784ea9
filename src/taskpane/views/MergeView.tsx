/**
 * Merging the districts' workbooks into this one (the city's): the files are read in the browser
 * (nothing is uploaded anywhere), each listed with who reports it or why it cannot be merged; the
 * merge adds new entries, updates a reporter's own, and lists an entry another reporter already
 * has as a conflict, counted once.
 */
import { Body1, Body1Strong, Button, Caption1 } from "@fluentui/react-components";
import { type ChangeEvent, useRef, useState } from "react";
import { nowSerial } from "../../core/dates";
import type { Language } from "../../core/language";
import { type LedgerCell, ledgerCell, registerCell } from "../../core/ledger";
import type { Conflict, ConflictDifference } from "../../core/merge";
import type { Submission } from "../../core/submission";
import { REGISTER_HEADERS } from "../../core/template/headers";
import type { MergeReport } from "../../excel/merge";
import { hasChangeTrail, usePane } from "../context";
import { NameNeeded } from "./NameNeeded";
import { describeFailure } from "../errors";
import { formatDate, formatList } from "../format";
import type { Translate } from "../i18n";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Loading, Notice } from "../Notice";
import { readSubmissionFile } from "../read-xlsx";
import { useAction } from "../use-action";

/** A file chosen: read, or refused with why. */
type ReadFile =
  | { readonly file: string; readonly submission: Submission }
  | { readonly file: string; readonly error: unknown };

/** A reporter ("" for the city's own rows) as the pane names it: a district's label, or the text reported. */
function reporterWord(reporter: string, language: Language, t: Translate): string {
  if (reporter.trim() === "") return t("mergeCity");
  return String(registerCell("reportedBy", ledgerCell("reportedBy", reporter.trim()), language));
}

/** A conflicting value as the pane shows it: labels in the pane's language, a date as a date. */
function valueWord(
  difference: ConflictDifference,
  cell: LedgerCell,
  language: Language,
  t: Translate,
): string {
  if (cell === null || cell === "") return t("mergeBlank");
  if (difference.field === "date" && typeof cell === "number") return formatDate(cell, language);
  return String(registerCell(difference.field, cell, language));
}

function ConflictItem({ conflict }: { conflict: Conflict }) {
  const { t, language } = usePane();
  return (
    <li>
      <Body1>
        {t("mergeConflict", {
          goal: String(registerCell("goal", conflict.goal, language) ?? ""),
          name: String(conflict.name ?? ""),
          credited: reporterWord(conflict.creditedTo, language, t),
          other: reporterWord(conflict.alsoReportedBy, language, t),
        })}
      </Body1>{" "}
      <Caption1>
        {conflict.differences.length === 0
          ? t("mergeSameValues")
          : conflict.differences
              .map((difference) =>
                t("mergeDifference", {
                  field: REGISTER_HEADERS[difference.field][language],
                  credited: valueWord(difference, difference.credited, language, t),
                  other: valueWord(difference, difference.other, language, t),
                }),
              )
              .join(language === "zh" ? "；" : "; ")}
      </Caption1>
    </li>
  );
}

function Report({ report }: { report: MergeReport }) {
  const layout = useLayoutStyles();
  const { t, language } = usePane();
  return (
    <div className={layout.column} data-testid="merge-report">
      {report.skipped.length > 0 ? (
        <Notice intent="warning">
          {t("mergeSkipped", {
            files: formatList(
              report.skipped.map((s) => s.file),
              language,
            ),
          })}
        </Notice>
      ) : null}
      {report.conflicts.length > 0 ? (
        <Section headingId="merge-conflicts-title" title={t("mergeConflictsTitle")} testId="merge-conflicts">
          <ul className={layout.spacedList}>
            {report.conflicts.map((conflict, i) => (
              <ConflictItem key={i} conflict={conflict} />
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

function FileLine({ read }: { read: ReadFile }) {
  const { t, language } = usePane();
  if ("error" in read)
    return (
      <li>
        <Notice intent="error">
          {t("mergeFileError", { file: read.file, message: describeFailure(read.error, t, language) })}
        </Notice>
      </li>
    );
  const { submission } = read;
  return (
    <li>
      <Body1Strong>{read.file}</Body1Strong>{" "}
      <Caption1>
        {t("mergeFileLine", {
          unit: submission.reportingUnit
            ? reporterWord(submission.reportingUnit, language, t)
            : t("mergeNoUnit"),
          rows: submission.rows.length,
          language: submission.language === "zh" ? t("mergeChinese") : t("mergeEnglish"),
          version: submission.version ?? t("mergeVersionUnknown"),
        })}
      </Caption1>
    </li>
  );
}

export default function MergeView() {
  const layout = useLayoutStyles();
  const { t, client, snapshot, settings, refresh } = usePane();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<readonly ReadFile[]>([]);
  const [progress, setProgress] = useState<{ file: string; done: number; count: number }>();
  const [report, setReport] = useState<MergeReport>();
  const { busy, message, run, say } = useAction();

  if (!snapshot) return null;
  if (!hasChangeTrail(snapshot))
    return (
      <div className={layout.column} data-testid="merge-view">
        <Notice intent="warning">{t("trailNeedsUpgrade")}</Notice>
      </div>
    );

  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    // Cleared, so that choosing the same files again reads them again.
    event.target.value = "";
    if (chosen.length === 0) return;
    setReport(undefined);
    void run(async () => {
      const results: ReadFile[] = [];
      try {
        for (const [i, file] of chosen.entries()) {
          setProgress({ file: file.name, done: i + 1, count: chosen.length });
          // One file at a time, each refused on its own: the others can still be merged.
          try {
            results.push({ file: file.name, submission: await readSubmissionFile(file) });
          } catch (error) {
            results.push({ file: file.name, error });
          }
        }
      } finally {
        setProgress(undefined);
      }
      setFiles(results);
    });
  };

  const submissions = files.flatMap((f) => ("submission" in f ? [f.submission] : []));
  const merge = () => {
    if (!settings.name) {
      say("error", "nameNeeded");
      return;
    }
    void run(async () => {
      const at = nowSerial();
      // Edits typed in cells since the last read go on record first: the merge rewrites the record.
      const fresh = await client.read();
      await client.recordCellEdits(fresh.register, at, settings.name, fresh.language);
      const merged = await client.mergeWorkbooks(submissions, at, settings.name);
      setReport(merged);
      setFiles([]);
      await refresh();
      const counts = { added: merged.added, updated: merged.updated, conflicts: merged.conflicts.length };
      return (t) => t(counts.conflicts === 1 ? "mergeDoneOneConflict" : "mergeDone", counts);
    });
  };

  return (
    <div className={layout.column} data-testid="merge-view">
      <NameNeeded />
      <Section headingId="merge-title" title={t("mergeTitle")}>
        <Caption1 block>{t("mergeIntro")}</Caption1>
        <input
          ref={input}
          className={layout.hidden}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="merge-files"
          aria-label={t("mergeChoose")}
          onChange={read}
        />
        <div>
          <Button disabled={busy} onClick={() => input.current?.click()}>
            {t("mergeChoose")}
          </Button>
        </div>
        {progress ? <Loading label={t("mergeReading", progress)} /> : null}
        {files.length > 0 ? (
          <section aria-labelledby="merge-files-title" className={layout.form} data-testid="merge-file-list">
            <Body1Strong id="merge-files-title">{t("mergeFilesTitle")}</Body1Strong>
            <ul className={layout.spacedList}>
              {files.map((f, i) => (
                <FileLine key={`${f.file}-${i}`} read={f} />
              ))}
            </ul>
            <div>
              <Button appearance="primary" disabled={busy || submissions.length === 0} onClick={merge}>
                {submissions.length === 1
                  ? t("mergeButtonOne")
                  : t("mergeButton", { count: submissions.length })}
              </Button>
            </div>
          </section>
        ) : null}
        <ActionNotice message={message} />
        {report ? <Report report={report} /> : null}
      </Section>
    </div>
  );
}
