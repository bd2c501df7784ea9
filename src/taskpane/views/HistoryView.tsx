/**
 * Recording a snapshot of every goal; the snapshots taken, newest first; and each goal's actual at
 * every snapshot drawn against the line a steady pace from its start to its deadline would follow.
 */
import { Body1, Button, Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { isDateSerial, nowSerial } from "../../core/dates";
import { GOALS } from "../../core/plan";
import { usePane } from "../context";
import { formatDate } from "../format";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice } from "../Notice";
import { useAction } from "../use-action";
import { snapshotEntries } from "./history-chart-model";
import { formatDateTime } from "../format";
import { HistoryChart } from "./HistoryChart";

const cell = {
  textAlign: "start",
  verticalAlign: "top",
  padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
} as const;

const useStyles = makeStyles({
  // A plain table, as the Overview's: Fluent's Table would cost more bytes than a short list needs.
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell,
  date: { ...cell, whiteSpace: "nowrap" },
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export default function HistoryView() {
  const styles = useStyles();
  const layout = useLayoutStyles();
  const { language, t, client, overview, snapshot, refresh } = usePane();
  const [note, setNote] = useState("");
  const { busy, message, run } = useAction();
  if (!overview) return null;

  const record = () =>
    run(async () => {
      const count = await client.recordSnapshot(
        overview.summaries,
        { asOf: overview.asOf, takenAt: nowSerial(), note: note.trim() },
        snapshot?.language ?? language,
      );
      setNote("");
      await refresh();
      return (t) => t("recorded", { count });
    });

  const entries = snapshotEntries(overview.trends);
  const charted = GOALS.flatMap((goal) => {
    const points = overview.trends.get(goal.id);
    const summary = overview.summaries.find((s) => s.spec.id === goal.id);
    return points && summary ? [{ goal, points, summary }] : [];
  });

  return (
    <div className={layout.column} data-testid="history-view">
      <Section headingId="snapshot-title" title={t("historyTitle")}>
        <ActionNotice message={message} />
        <Field label={t("historyNote")}>
          <Input value={note} onChange={(_, data) => setNote(data.value)} />
        </Field>
        <div>
          <Button appearance="primary" disabled={busy} onClick={() => void record()}>
            {t("recordSnapshot")}
          </Button>
        </div>
      </Section>
      <Section headingId="snapshots-title" title={t("snapshotsTitle")}>
        {entries.length === 0 ? (
          <Body1>{t("historyEmpty")}</Body1>
        ) : (
          <table className={styles.table} aria-labelledby="snapshots-title" data-testid="snapshot-list">
            <thead>
              <tr>
                <th scope="col" className={styles.cell}>
                  {t("snapshotAsOf")}
                </th>
                <th scope="col" className={styles.cell}>
                  {t("snapshotTakenAt")}
                </th>
                <th scope="col" className={styles.cell}>
                  {t("snapshotNote")}
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.date}|${entry.takenAt ?? ""}`}>
                  <td className={styles.date}>{formatDate(entry.date, language)}</td>
                  <td className={styles.cell}>
                    {entry.takenAt !== undefined && isDateSerial(entry.takenAt)
                      ? formatDateTime(entry.takenAt, language, t)
                      : t("takenAtUnknown")}
                  </td>
                  <td className={styles.cell}>{entry.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {charted.length > 0 ? (
        <Section headingId="trends-title" title={t("chartsTitle")}>
          {charted.map(({ goal, points, summary }) => (
            <figure key={goal.id} className={styles.figure} data-testid={`trend-${goal.id}`}>
              <figcaption>
                <Caption1>{goal.label[language]}</Caption1>
              </figcaption>
              <HistoryChart summary={summary} points={points} />
            </figure>
          ))}
        </Section>
      ) : null}
    </div>
  );
}
