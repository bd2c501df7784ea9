/** Every goal's progress as cards, grouped as the plan groups them, and the sector breakdown. */
import {
  Badge,
  Body1,
  Caption1,
  makeStyles,
  ProgressBar,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { Language } from "../../core/language";
import { COMPARATOR_LABELS, goalById, goalGroupById, type GoalId } from "../../core/plan";
import { STATUS_LABELS, type StatusId } from "../../core/progress";
import type { GoalSummary, SectorBreakdown } from "../../core/summary";
import { usePane } from "../context";
import { formatCount, formatDate, formatList, formatPercent } from "../format";
import { Section, useLayoutStyles } from "../layout";
import { Notice } from "../Notice";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalM,
    gap: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  cardTop: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  figures: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    margin: 0,
  },
  figureValue: { textAlign: "end", fontVariantNumeric: "tabular-nums", margin: 0 },
  number: { fontVariantNumeric: "tabular-nums" },
  // A plain table: Fluent's Table component would cost more bytes than this one small list needs.
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: "start",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  numberCell: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

/** Colour reinforces the status; the text always says it. */
const BADGE_COLOUR: Record<StatusId, "success" | "warning" | "danger" | "informative" | "subtle"> = {
  ACHIEVED: "success",
  MET_LATE: "warning",
  ON_TRACK: "success",
  AT_RISK: "warning",
  BEHIND: "danger",
  MISSED: "danger",
  NOT_STARTED: "subtle",
};

/** Before the deadline: how likely the goal is met by it, and the 80% band of the count then. */
function likelihoodFigures(
  summary: GoalSummary,
  language: Language,
  t: ReturnType<typeof usePane>["t"],
): [string, string][] {
  const { probability, low, high } = summary.likelihood;
  if (summary.ended) return [];
  return [
    [t("likelihood"), probability === undefined ? t("noEstimate") : formatPercent(probability, language)],
    [
      t("band80"),
      low === undefined || high === undefined
        ? t("noEstimate")
        : `${formatCount(low, language)}–${formatCount(high, language)}`,
    ],
  ];
}

function GoalCard({ summary }: { summary: GoalSummary }) {
  const styles = useStyles();
  const { language, t } = usePane();
  const goal = goalById(summary.spec.id as GoalId);
  const label = goal.label[language];
  const headingId = `goal-${goal.id}`;
  const figures: [string, string][] = [
    [t("expected"), formatCount(summary.expected, language, 1)],
    [t("remaining"), formatCount(summary.remaining, language)],
    // After the deadline what counts is what it reached by then; a forecast has nothing to project.
    summary.ended
      ? [t("byDeadline"), formatCount(summary.actualByDeadline, language)]
      : [t("forecast"), formatCount(summary.forecast.atDeadline, language, 1)],
    [t("dateMet"), summary.dateMet === undefined ? t("notMet") : formatDate(summary.dateMet, language)],
    ...likelihoodFigures(summary, language, t),
    [t("daysLeft"), summary.ended ? t("ended") : formatCount(summary.daysLeft, language)],
  ];
  return (
    // A plain article styled as a card: nothing in it is interactive, so Fluent's Card (and its
    // focus management) would only add weight.
    <article className={styles.card} aria-labelledby={headingId} data-testid={`card-${goal.id}`}>
      <div className={styles.cardTop}>
        <Subtitle2 as="h3" id={headingId}>
          {label}
        </Subtitle2>
        <Badge
          className={styles.badge}
          appearance="tint"
          color={BADGE_COLOUR[summary.status]}
          data-testid={`status-${goal.id}`}
        >
          {STATUS_LABELS[summary.status][language]}
        </Badge>
      </div>
      <Body1 className={styles.number} data-testid={`actual-${goal.id}`}>
        {t("actualOfTarget", {
          actual: formatCount(summary.actual, language),
          comparator: COMPARATOR_LABELS[summary.spec.comparator][language],
          target: formatCount(summary.spec.target, language),
          percent: formatPercent(summary.progress, language),
        })}
      </Body1>
      <ProgressBar
        value={Math.min(1, Math.max(0, summary.progress))}
        max={1}
        thickness="large"
        color={
          summary.status === "ACHIEVED"
            ? "success"
            : summary.status === "MET_LATE"
              ? "warning"
              : summary.status === "BEHIND" || summary.status === "MISSED"
                ? "error"
                : "brand"
        }
        aria-label={t("progressLabel", { goal: label })}
        aria-valuetext={formatPercent(summary.progress, language)}
      />
      <dl className={styles.figures}>
        {figures.map(([name, value]) => (
          <div key={name} style={{ display: "contents" }}>
            <dt>
              <Caption1>{name}</Caption1>
            </dt>
            <dd className={styles.figureValue}>
              <Caption1>{value}</Caption1>
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

function SectorTable({ sectors }: { sectors: SectorBreakdown }) {
  const styles = useStyles();
  const { language, t } = usePane();
  const totals = sectors.counts.map((row) => row.reduce((a, b) => a + b, 0));
  const rows = sectors.sectors
    .map((name, i) => ({ name, total: totals[i], counts: sectors.counts[i] }))
    .filter((r) => r.total > 0);
  const unassigned = sectors.unassigned.reduce((a, b) => a + b, 0);
  return (
    <Section headingId="sectors-title" title={t("sectorsTitle")}>
      {rows.length === 0 && unassigned === 0 ? (
        <Body1>{t("noEntries")}</Body1>
      ) : (
        <table className={styles.table} aria-labelledby="sectors-title">
          <thead>
            <tr>
              <th scope="col" className={styles.cell}>
                {t("sectorColumn")}
              </th>
              <th scope="col" className={styles.numberCell}>
                {t("totalColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name}>
                <td className={styles.cell}>{row.name}</td>
                <td className={styles.numberCell}>{formatCount(row.total, language)}</td>
              </tr>
            ))}
            {unassigned > 0 ? (
              <tr>
                <td className={styles.cell}>{t("unassigned")}</td>
                <td className={styles.numberCell}>{formatCount(unassigned, language)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function OverviewView() {
  const layout = useLayoutStyles();
  const { overview, language, t } = usePane();
  if (!overview) return null;
  const fieldName = {
    target: t("fieldTarget"),
    comparator: t("fieldComparator"),
    deadline: t("fieldDeadline"),
  };
  const ignoredCells = formatList(
    overview.ignored.map((i) =>
      t("ignoredCell", { goal: goalById(i.goal).label[language], field: fieldName[i.field] }),
    ),
    language,
  );
  return (
    <div className={layout.column} data-testid="overview">
      <Text weight="semibold">{t("asOfLine", { date: formatDate(overview.asOf, language) })}</Text>
      {overview.asOfMissing ? <Notice intent="warning">{t("asOfNotDate")}</Notice> : null}
      {overview.ignored.length > 0 ? (
        <Notice intent="warning">{t("ignoredEdits", { cells: ignoredCells })}</Notice>
      ) : null}
      {overview.groups.map(({ group, summaries }) => (
        <Section key={group} headingId={`group-${group}`} title={goalGroupById(group).label[language]}>
          {summaries.map((summary) => (
            <GoalCard key={summary.spec.id} summary={summary} />
          ))}
        </Section>
      ))}
      <SectorTable sectors={overview.sectors} />
    </div>
  );
}
