/**
 * Turning what a user types for a goal (an id, a label in either language, or a plain number)
 * into the fully specified target the engine computes against.
 */
import { isoToSerial } from "./dates";
import { EngineError } from "./errors";
import { type Bilingual, type Comparator, type Goal, GOAL_GROUPS, type GoalId, GOALS, PLAN } from "./plan";

export interface GoalSpec {
  /** Undefined for a target of the user's own (a plain number). */
  readonly id?: GoalId;
  readonly label: Bilingual;
  readonly target: number;
  readonly comparator: Comparator;
  /** Serial day numbers. */
  readonly start: number;
  readonly deadline: number;
}

export interface GoalOverrides {
  readonly target?: number;
  readonly comparator?: Comparator;
  readonly start?: number;
  readonly deadline?: number;
}

const PLAN_START = isoToSerial(PLAN.issued);
const PLAN_DEADLINE = isoToSerial(PLAN.deadline);

function normalize(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toUpperCase();
}

/** A goal group's label names a goal when the group has only that one ("Unmanned factories"). */
function soleGroupLabels(goal: Goal): string[] {
  const members = GOALS.filter((g) => g.group === goal.group);
  if (members.length !== 1) return [];
  const label = GOAL_GROUPS.find((g) => g.id === goal.group)!.label;
  return [label.en, label.zh];
}

/**
 * Every spelling that names a goal (normalized): its id, its labels and short names in both
 * languages (the sheets show "品牌", "Unmanned"), and its group's label where it is the group's only goal.
 */
const GOAL_BY_NAME: ReadonlyMap<string, Goal> = new Map(
  GOALS.flatMap((goal) =>
    [goal.id, goal.label.en, goal.label.zh, goal.short.en, goal.short.zh, ...soleGroupLabels(goal)].map(
      (name) => [normalize(name), goal] as [string, Goal],
    ),
  ),
);

/** The plan goal a text names, or undefined. Case-insensitive, trimmed. */
export function findGoal(text: string): Goal | undefined {
  return GOAL_BY_NAME.get(normalize(text));
}

/** The plan goal a text names; #N/A listing the valid ids when it names none. */
export function goalFromText(text: string): Goal {
  const goal = findGoal(text);
  if (!goal) throw new EngineError("na", "unknownGoal", { goal: text });
  return goal;
}

export function specOfGoal(goal: Goal, overrides: GoalOverrides = {}): GoalSpec {
  return checkSpec({
    id: goal.id,
    label: goal.label,
    target: overrides.target ?? goal.target,
    comparator: overrides.comparator ?? goal.comparator,
    start: overrides.start ?? isoToSerial(goal.start),
    deadline: overrides.deadline ?? isoToSerial(goal.deadline),
  });
}

/** A target of the user's own: "at least" unless overridden, the plan's period unless overridden. */
export function specOfNumber(target: number, overrides: GoalOverrides = {}): GoalSpec {
  return checkSpec({
    label: { en: `Target ${target}`, zh: `目标 ${target}` },
    target,
    comparator: overrides.comparator ?? "at_least",
    start: overrides.start ?? PLAN_START,
    deadline: overrides.deadline ?? PLAN_DEADLINE,
  });
}

/** A goal reference as Excel hands it over: text names a plan goal, a number is a target. */
export function resolveGoal(ref: string | number, overrides: GoalOverrides = {}): GoalSpec {
  return typeof ref === "number" ? specOfNumber(ref, overrides) : specOfGoal(goalFromText(ref), overrides);
}

function checkSpec(spec: GoalSpec): GoalSpec {
  if (!Number.isFinite(spec.target) || spec.target <= 0) {
    throw new EngineError("num", "targetNotPositive", { value: spec.target });
  }
  if (!(spec.deadline > spec.start)) {
    throw new EngineError("num", "deadlineNotAfterStart", { start: spec.start, deadline: spec.deadline });
  }
  return spec;
}

const COMPARATOR_SPELLINGS: ReadonlyMap<string, Comparator> = new Map([
  ["MORE THAN", "more_than"],
  ["MORE_THAN", "more_than"],
  [">", "more_than"],
  ["超过", "more_than"],
  ["AT LEAST", "at_least"],
  ["AT_LEAST", "at_least"],
  [">=", "at_least"],
  ["≥", "at_least"],
  ["不少于", "at_least"],
]);

/**
 * "more than" / "at least" / ">" / ">=" (and the Chinese terms) -> a comparator; #VALUE! naming
 * `arg` (where the text came from) otherwise.
 */
export function parseComparator(text: string, arg = "comparator"): Comparator {
  const comparator = COMPARATOR_SPELLINGS.get(normalize(text).replace(/\s+/g, " "));
  if (!comparator) throw new EngineError("value", "notAComparator", { arg, value: text });
  return comparator;
}
