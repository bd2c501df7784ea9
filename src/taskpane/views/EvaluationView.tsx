/**
 * The final evaluation (终期评估) as the workbook's Evaluation sheet shows it: the period and the
 * as-of date, then for each goal what the deadline decided, what came after it and how much of it
 * is documented, and the sources the goals cite. Every figure is core evaluateGoals'.
 */
import { Badge, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { isoToSerial } from "../../core/dates";
import type { GoalEvaluation } from "../../core/evaluation";
import { COMPARATOR_LABELS, GOAL_SOURCES, goalById, type GoalId, PLAN } from "../../core/plan";
import { STATUS_LABELS } from "../../core/progress";
import { sourceNumber, sourceReference } from "../../core/sources";
import { sheetSpec, STATUS_MARKS } from "../../core/template/template";
import { usePane } from "../context";
import { Figures } from "./Figures";
import { BADGE_COLOUR } from "../status-colours";
import { formatCount, formatDate, formatPercent } from "../format";
import { Section, useLayoutStyles } from "../layout";
import { Notice } from "../Notice";

const useStyles = makeStyles({
  block: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalM,
    gap: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  badge: { whiteSpace: "nowrap" },
  sources: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});

function GoalEvaluationBlock({ evaluation }: { evaluation: GoalEvaluation }) {
  const styles = useStyles();
  const { language, t } = usePane();
  const goal = goalById(evaluation.spec.id as GoalId);
  const headingId = `evaluation-goal-${goal.id}`;
  const rows: [string, ReactNode][] = [
    [
      t("evaluationTarget"),
      t("evaluationTargetValue", {
        comparator: COMPARATOR_LABELS[evaluation.spec.comparator][language],
        target: formatCount(evaluation.spec.target, language),
      }),
    ],
    [t("evaluationRequired"), formatCount(evaluation.required, language)],
    [t("byDeadline"), formatCount(evaluation.byDeadline, language)],
    [t("evaluationRate"), formatPercent(evaluation.rate, language)],
    [t("dateMet"), evaluation.dateMet === undefined ? t("notMet") : formatDate(evaluation.dateMet, language)],
    [t("evaluationAfterDeadline"), formatCount(evaluation.afterDeadline, language)],
    [t("evaluationUndated"), formatCount(evaluation.undated, language)],
    [
      t("evaluationEvidence"),
      evaluation.evidenceCoverage === undefined
        ? t("evaluationNothingCounted")
        : formatPercent(evaluation.evidenceCoverage, language),
    ],
    [
      t("evaluationResult"),
      <Badge
        key="result"
        className={styles.badge}
        appearance="tint"
        color={BADGE_COLOUR[evaluation.status]}
        data-testid={`evaluation-status-${goal.id}`}
      >
        {/* The sheet's mark, so the result reads without its colour, as on a black-and-white print. */}
        <span aria-hidden="true">{STATUS_MARKS[evaluation.status]}</span>{" "}
        {STATUS_LABELS[evaluation.status][language]}
      </Badge>,
    ],
  ];
  return (
    <article className={styles.block} aria-labelledby={headingId} data-testid={`evaluation-${goal.id}`}>
      <Subtitle2 as="h3" id={headingId}>
        {goal.label[language]}
      </Subtitle2>
      <Figures rows={rows} />
    </article>
  );
}

export default function EvaluationView() {
  const styles = useStyles();
  const layout = useLayoutStyles();
  const { overview, snapshot, language, t } = usePane();
  if (!overview) return null;
  const period = t("evaluationPeriodValue", {
    start: formatDate(isoToSerial(PLAN.issued), language),
    end: formatDate(isoToSerial(PLAN.deadline), language),
  });
  // The sheet is named in the workbook's language, whatever the pane's.
  const sheet = sheetSpec("evaluation").name[snapshot?.language ?? language];
  return (
    <div className={layout.column} data-testid="evaluation-view">
      <Section headingId="evaluation-title" title={t("evaluationTitle")}>
        <Figures
          rows={[
            [t("evaluationPeriod"), period],
            [t("evaluationAsOf"), formatDate(overview.asOf, language)],
          ]}
        />
        {overview.asOfMissing ? <Notice intent="warning">{t("asOfNotDate")}</Notice> : null}
        {overview.evaluations.some((evaluation) => !evaluation.summary.ended) ? (
          <Notice intent="info">
            {t("evaluationNotEnded", { date: formatDate(overview.asOf, language) })}
          </Notice>
        ) : null}
        <Caption1 block data-testid="evaluation-sheet-note">
          {t("evaluationSheetNote", { sheet })}
        </Caption1>
        {overview.evaluations.map((evaluation) => (
          <GoalEvaluationBlock key={evaluation.spec.id} evaluation={evaluation} />
        ))}
      </Section>
      <Section headingId="evaluation-sources-title" title={t("evaluationSources")}>
        <ul className={styles.sources} data-testid="evaluation-sources">
          {GOAL_SOURCES.map((source) => (
            <li key={source.id}>
              <Caption1>{`[${sourceNumber(source.id)}] ${sourceReference(source, language)}`}</Caption1>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
