/** Recording a snapshot of every goal, and each goal's snapshots as a small trend. */
import { Body1, Button, Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { nowSerial } from "../../core/dates";
import { GOALS } from "../../core/plan";
import { usePane } from "../context";
import { formatCount, formatList } from "../format";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice } from "../Notice";
import type { TrendPoint } from "../overview-model";
import { useAction } from "../use-action";

const useStyles = makeStyles({
  trend: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  line: { stroke: tokens.colorBrandForeground1, fill: "none", strokeWidth: 2 },
});

const WIDTH = 120;
const HEIGHT = 28;

function Sparkline({ points, label }: { points: readonly TrendPoint[]; label: string }) {
  const styles = useStyles();
  const xs = points.map((p) => p.date);
  const ys = points.map((p) => p.actual);
  const [x0, x1, y1] = [Math.min(...xs), Math.max(...xs), Math.max(1, ...ys)];
  const path = points
    .map((p, i) => {
      const x = x1 === x0 ? WIDTH / 2 : ((p.date - x0) / (x1 - x0)) * (WIDTH - 4) + 2;
      const y = HEIGHT - 2 - (p.actual / y1) * (HEIGHT - 4);
      return `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <path d={path} className={styles.line} />
      {points.length === 1 ? <circle cx={WIDTH / 2} cy={HEIGHT / 2} r={2} /> : null}
    </svg>
  );
}

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
      <Section headingId="trends-title" title={t("tabHistory")}>
        {overview.trends.size === 0 ? <Body1>{t("historyEmpty")}</Body1> : null}
        {GOALS.filter((goal) => overview.trends.has(goal.id)).map((goal) => {
          const points = overview.trends.get(goal.id)!;
          const values = formatList(
            points.map((p) => formatCount(p.actual, language)),
            language,
          );
          return (
            <div key={goal.id} className={styles.trend} data-testid={`trend-${goal.id}`}>
              <Caption1>{goal.label[language]}</Caption1>
              <Sparkline points={points} label={t("trendLabel", { goal: goal.label[language], values })} />
            </div>
          );
        })}
      </Section>
    </div>
  );
}
