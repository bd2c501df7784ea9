/**
 * The first screen answers at a glance: the as-of date, the "Four 100+" together, and every goal on
 * one line (name, progress bar, status, actual / required). A goal's figures and its burn-up open
 * under its line on demand; the sector breakdown follows.
 */
import {
  Badge,
  Body1,
  Caption1,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { type Dispatch, useMemo, useState } from "react";
import type { BurnUp } from "../../core/burn-up";
import type { Language } from "../../core/language";
import { COMPARATOR_LABELS, goalById, goalGroupById, type GoalId } from "../../core/plan";
import { STATUS_LABELS } from "../../core/progress";
import type { GoalSummary, SectorBreakdown } from "../../core/summary";
import { usePane } from "../context";
import { Figures } from "./Figures";
import { BADGE_COLOUR, BAR_COLOUR } from "../status-colours";
import { formatCount, formatDate, formatList, formatPercent, formatQuota } from "../format";
import { FilterControls, FilterNote, useRegisterFilter } from "../filters";
import { filteredFigures, type GroupTotal, isFiltered, judgedByQuota } from "../overview-model";
import { Section, useLayoutStyles } from "../layout";
import { Notice } from "../Notice";
import { BurnUpChart } from "./BurnUpChart";
import { DistrictSummarySection } from "./DistrictSummary";

const useStyles = makeStyles({
  // The heading and the group's total share a line; the goals' rows span both columns below.
  group: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  wide: { gridColumn: "1 / -1" },
  groupTotal: { fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  rows: { gridColumn: "1 / -1", display: "flex", flexDirection: "column", gap: "2px" },
  goal: {
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  // Fixed columns, so the bars, statuses and counts of every row line up at any pane width.
  row: {
    position: "relative",
    display: "grid",
    // At 350 px: the longest short name (Breakthroughs), "Not started" and "100 / 101" fit, the bar
    // keeps some 50 px.
    gridTemplateColumns: "minmax(0, 8em) minmax(24px, 1fr) 5em 4em",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalSNudge,
    minHeight: "32px",
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  rowHeading: {
    margin: 0,
    minWidth: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  toggle: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    width: "100%",
    minWidth: 0,
    padding: 0,
    border: "none",
    background: "none",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    textAlign: "start",
    cursor: "pointer",
    // The button covers its whole row, so a click anywhere on the line opens the details.
    "::after": {
      content: '""',
      position: "absolute",
      inset: 0,
      zIndex: 1,
      borderRadius: tokens.borderRadiusMedium,
    },
    ":focus-visible": { outline: "none" },
    ":focus-visible::after": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
    ":hover::after": { backgroundColor: tokens.colorSubtleBackgroundHover, opacity: 0.5 },
  },
  name: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  chevron: { flexShrink: 0, transition: "transform 0.1s", fill: "currentColor" },
  chevronOpen: { transform: "rotate(90deg)" },
  badge: { justifySelf: "start", maxWidth: "100%", whiteSpace: "nowrap" },
  count: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
    fontSize: tokens.fontSizeBase200,
  },
  details: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
  },
  number: { fontVariantNumeric: "tabular-nums" },
  quota: {
    display: "block",
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXXS}`,
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
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

/** A bar's value: the ratio, held within the bar. */
function barValue(ratio: number): number {
  return Math.min(1, Math.max(0, ratio));
}

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

function Chevron({ open }: { open: boolean }) {
  const styles = useStyles();
  return (
    <svg
      width="12"
      height="12"
      viewBox="0 0 12 12"
      aria-hidden="true"
      className={mergeClasses(styles.chevron, open && styles.chevronOpen)}
    >
      <path d="M4 2.5 7.5 6 4 9.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

interface GoalRowProps {
  readonly summary: GoalSummary;
  readonly burnUp: BurnUp | undefined;
  readonly asOf: number;
  readonly open: boolean;
  readonly onToggle: () => void;
  /** The chosen district's quota for the goal, when one district is counted and it has one. */
  readonly quota?: number;
}

/** One line per goal; its button (covering the line) shows or hides the goal's details under it. */
function GoalRow({ summary, burnUp, asOf, open, onToggle, quota }: GoalRowProps) {
  const styles = useStyles();
  const layout = useLayoutStyles();
  const { language, t } = usePane();
  const goal = goalById(summary.spec.id as GoalId);
  const label = goal.label[language];
  const [headingId, detailsId, statusId, countId] = ["goal", "details", "status", "meaning"].map(
    (part) => `${part}-${goal.id}`,
  );
  const counts = {
    actual: formatCount(summary.actual, language),
    required: formatCount(summary.required, language),
  };
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
    <article className={styles.goal} aria-labelledby={headingId} data-testid={`card-${goal.id}`}>
      <div className={styles.row}>
        <h3 className={styles.rowHeading} id={headingId}>
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-describedby={`${statusId} ${countId}`}
            onClick={onToggle}
          >
            <Chevron open={open} />
            <span className={styles.name}>{goal.short[language]}</span>
          </button>
        </h3>
        <ProgressBar
          value={barValue(summary.progress)}
          max={1}
          thickness="large"
          color={BAR_COLOUR[summary.status]}
          aria-label={t("progressLabel", { goal: label })}
          aria-valuetext={formatPercent(summary.progress, language)}
        />
        <Badge
          id={statusId}
          className={styles.badge}
          appearance="tint"
          color={BADGE_COLOUR[summary.status]}
          data-testid={`status-${goal.id}`}
        >
          {STATUS_LABELS[summary.status][language]}
        </Badge>
        <span className={styles.count} data-testid={`count-${goal.id}`}>
          {t("actualOfRequired", counts)}
        </span>
        {/* What "2 / 101" means, read out with the button rather than shown. */}
        <span id={countId} className={layout.hidden}>
          {t("actualOfRequiredLong", counts)}
        </span>
      </div>
      {quota !== undefined ? (
        <Caption1 className={styles.quota} data-testid={`quota-${goal.id}`}>
          {t("goalQuota", { quota: formatQuota(quota, language) })}
        </Caption1>
      ) : null}
      {/* Kept in the page while closed (hidden): reopening redraws nothing; a closed goal is opened to be read. */}
      <div
        id={detailsId}
        hidden={!open}
        className={mergeClasses(styles.details, !open && layout.hidden)}
        data-testid={`details-${goal.id}`}
      >
        {/* The full name, where the line shows a shorter one. */}
        {label !== goal.short[language] ? <Caption1>{label}</Caption1> : null}
        <Body1 className={styles.number} data-testid={`actual-${goal.id}`}>
          {t("actualOfTarget", {
            actual: counts.actual,
            comparator: COMPARATOR_LABELS[summary.spec.comparator][language],
            target: formatCount(summary.spec.target, language),
            percent: formatPercent(summary.progress, language),
          })}
        </Body1>
        <Figures rows={figures} />
        {burnUp ? <BurnUpChart summary={summary} burnUp={burnUp} asOf={asOf} /> : null}
      </div>
    </article>
  );
}

interface GroupSectionProps {
  readonly total: GroupTotal;
  readonly burnUps: ReadonlyMap<GoalId, BurnUp>;
  readonly asOf: number;
  readonly open: GoalId | undefined;
  readonly onToggle: Dispatch<GoalId>;
  /** The chosen district's quotas, by goal (none when no one district is chosen). */
  readonly quotas: Partial<Record<GoalId, number>>;
}

/** A group's heading, its total when it has more than one goal, and a line per goal. */
function GroupSection({ total, burnUps, asOf, open, onToggle, quotas }: GroupSectionProps) {
  const styles = useStyles();
  const { language, t } = usePane();
  const headingId = `group-${total.group}`;
  const groupLabel = goalGroupById(total.group).label[language];
  // A group of one goal has nothing to add up: its line says it all.
  const together = total.summaries.length > 1 && total.required > 0;
  return (
    <section aria-labelledby={headingId} className={styles.group}>
      <Subtitle2 as="h2" id={headingId} className={together ? undefined : styles.wide}>
        {groupLabel}
      </Subtitle2>
      {together ? (
        <>
          <Text className={styles.groupTotal} data-testid={`group-total-${total.group}`}>
            {t("groupTotal", {
              actual: formatCount(total.actual, language),
              required: formatCount(total.required, language),
            })}
          </Text>
          <ProgressBar
            className={styles.wide}
            value={barValue(total.actual / total.required)}
            max={1}
            thickness="large"
            aria-label={t("groupProgressLabel", { group: groupLabel })}
            aria-valuetext={formatPercent(total.actual / total.required, language)}
          />
        </>
      ) : null}
      <div className={styles.rows}>
        {total.summaries.map((summary) => {
          const id = summary.spec.id as GoalId;
          return (
            <GoalRow
              key={id}
              summary={summary}
              burnUp={burnUps.get(id)}
              asOf={asOf}
              open={open === id}
              onToggle={() => onToggle(id)}
              quota={quotas[id]}
            />
          );
        })}
      </div>
    </section>
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
  const { overview, snapshot, language, t } = usePane();
  // One goal's details at a time keep the first screen short.
  const [open, setOpen] = useState<GoalId | undefined>(undefined);
  const [filter, setFilter] = useRegisterFilter();
  // One pass over the register per filter (or snapshot) change; unfiltered, the city's own figures.
  const figures = useMemo(
    () =>
      overview && snapshot && isFiltered(filter)
        ? filteredFigures(snapshot, overview, filter, language)
        : overview,
    [overview, snapshot, filter, language],
  );
  if (!overview || !figures) return null;
  const district = filter.district;
  const quotas: Partial<Record<GoalId, number>> = {};
  if (district !== undefined)
    for (const { spec } of overview.summaries) quotas[spec.id as GoalId] = overview.quotas(district, spec.id);
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
  const toggle = (goal: GoalId) => setOpen((current) => (current === goal ? undefined : goal));
  return (
    <div className={layout.column} data-testid="overview">
      <Text weight="semibold">{t("asOfLine", { date: formatDate(overview.asOf, language) })}</Text>
      {overview.asOfMissing ? <Notice intent="warning">{t("asOfNotDate")}</Notice> : null}
      {overview.ignored.length > 0 ? (
        <Notice intent="warning">{t("ignoredEdits", { cells: ignoredCells })}</Notice>
      ) : null}
      <FilterControls filter={filter} onChange={setFilter} />
      <FilterNote
        filter={filter}
        cityTargets
        byQuota={
          judgedByQuota(filter) &&
          overview.specs.some((spec) => overview.quotas(filter.district!, spec.id) !== undefined)
        }
      />
      {figures.groups.map((total) => (
        <GroupSection
          key={total.group}
          total={total}
          burnUps={figures.burnUps}
          asOf={overview.asOf}
          open={open}
          onToggle={toggle}
          quotas={quotas}
        />
      ))}
      <SectorTable sectors={figures.sectors} />
      <DistrictSummarySection filtered={isFiltered(filter)} chosen={district} />
    </div>
  );
}
