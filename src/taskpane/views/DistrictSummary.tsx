/**
 * The 16 districts at a glance (the Districts sheet's figures): recognized entries per goal, against
 * the district's quota where one is set ("3 / 5", with its status), entries no district names, and
 * the city's totals. Closed at first: the figures are counted when it is opened.
 */
import { Badge, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { DistrictGoalFigures } from "../../core/districts";
import { DISTRICTS, goalById, type GoalId } from "../../core/plan";
import { STATUS_LABELS } from "../../core/progress";
import { usePane } from "../context";
import { formatCount, formatQuota } from "../format";
import { Section } from "../layout";
import { districtSummary } from "../overview-model";
import { BADGE_COLOUR } from "../status-colours";

const useStyles = makeStyles({
  scroller: { overflowX: "auto" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: {
    textAlign: "start",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "nowrap",
  },
  numberCell: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "nowrap",
  },
  goalHeading: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "normal", verticalAlign: "bottom" },
  chosen: { backgroundColor: tokens.colorBrandBackground2 },
  total: { fontWeight: tokens.fontWeightSemibold },
  badge: { marginInlineStart: tokens.spacingHorizontalXXS, verticalAlign: "middle" },
  // Read out, not shown: the status beside the coloured mark.
  spoken: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

function FigureCell({ figure }: { figure: DistrictGoalFigures }) {
  const styles = useStyles();
  const { language, t } = usePane();
  const actual = formatCount(figure.actual, language);
  if (figure.quota === undefined || figure.status === undefined)
    return (
      <td className={styles.numberCell} data-testid={`district-${figure.district}-${figure.goal}`}>
        {actual}
      </td>
    );
  const label = STATUS_LABELS[figure.status][language];
  return (
    <td
      className={styles.numberCell}
      data-testid={`district-${figure.district}-${figure.goal}`}
      data-status={figure.status}
      title={label}
    >
      {t("districtOfQuota", { actual, quota: formatQuota(figure.quota, language) })}
      <Badge
        className={styles.badge}
        size="tiny"
        appearance="filled"
        color={BADGE_COLOUR[figure.status]}
        aria-hidden="true"
      />
      <span className={styles.spoken}>{label}</span>
    </td>
  );
}

/** Counted when opened, again only when the workbook is read again. */
function DistrictTable({ chosen }: { chosen: string | undefined }) {
  const styles = useStyles();
  const { overview, snapshot, language, t } = usePane();
  const summary = useMemo(
    () => (overview && snapshot ? districtSummary(snapshot, overview) : undefined),
    [overview, snapshot],
  );
  if (!overview || !snapshot) return null;
  if (!summary) return <Caption1>{t("noDistrictColumn")}</Caption1>;
  const goals = overview.specs.map((spec) => spec.id as GoalId);
  const counts = (id: string, values: readonly number[], className?: string) =>
    values.map((value, i) => (
      <td
        key={goals[i]}
        className={mergeClasses(styles.numberCell, className)}
        data-testid={`${id}-${goals[i]}`}
      >
        {formatCount(value, language)}
      </td>
    ));
  const hasOther = summary.otherDistrict.some((n) => n > 0);
  return (
    <div className={styles.scroller}>
      <table className={styles.table} aria-labelledby="districts-title" data-testid="district-summary">
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>
              {t("districtColumn")}
            </th>
            {goals.map((goal) => (
              <th key={goal} scope="col" className={mergeClasses(styles.numberCell, styles.goalHeading)}>
                {goalById(goal).short[language]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.districts.map((row) => (
            <tr
              key={row.id}
              className={row.id === chosen ? styles.chosen : undefined}
              aria-current={row.id === chosen ? "true" : undefined}
              data-testid={`district-row-${row.id}`}
            >
              <th scope="row" className={styles.cell}>
                {DISTRICTS.find((d) => d.id === row.id)!.label[language]}
              </th>
              {row.figures.map((figure) => (
                <FigureCell key={figure.goal} figure={figure} />
              ))}
            </tr>
          ))}
          <tr data-testid="district-row-none">
            <th scope="row" className={styles.cell}>
              {t("noDistrict")}
            </th>
            {counts("no-district", summary.noDistrict)}
          </tr>
          {hasOther ? (
            <tr data-testid="district-row-other">
              <th scope="row" className={styles.cell}>
                {t("otherDistrict")}
              </th>
              {counts("other-district", summary.otherDistrict)}
            </tr>
          ) : null}
          <tr data-testid="district-row-total">
            <th scope="row" className={mergeClasses(styles.cell, styles.total)}>
              {t("totalColumn")}
            </th>
            {counts("district-total", summary.totals, styles.total)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The section under the goals: a button opens the table. */
export function DistrictSummarySection({
  filtered,
  chosen,
}: {
  filtered: boolean;
  chosen: string | undefined;
}) {
  const { t } = usePane();
  const [open, setOpen] = useState(false);
  return (
    <Section headingId="districts-title" title={t("districtsTitle")} testId="districts">
      <div>
        <Button
          appearance="secondary"
          size="small"
          aria-expanded={open}
          aria-controls="districts-body"
          onClick={() => setOpen(!open)}
        >
          {open ? t("districtsHide") : t("districtsShow")}
        </Button>
      </div>
      <div id="districts-body" hidden={!open}>
        {open ? (
          <>
            <Caption1 block>{t("districtsHelp")}</Caption1>
            {filtered ? <Caption1 block>{t("districtsUnfiltered")}</Caption1> : null}
            <DistrictTable chosen={chosen} />
          </>
        ) : null}
      </div>
    </Section>
  );
}
