/**
 * The District and Sector filter the Overview and the Register view share: one state, held above
 * the views (so switching views keeps it), never saved. A view rendered alone keeps its own.
 */
import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { createContext, type Dispatch, type ReactNode, useContext, useId, useMemo, useState } from "react";
import type { Language } from "../core/language";
import { DISTRICTS, SECTORS } from "../core/plan";
import { usePane } from "./context";
import { isFiltered, NO_FILTER, type RegisterFilter } from "./overview-model";

type FilterState = readonly [RegisterFilter, Dispatch<RegisterFilter>];

const Filter = createContext<FilterState | undefined>(undefined);

/** Holds the filter for every view under it. */
export function RegisterFilterProvider({ children }: { children: ReactNode }) {
  const [filter, setFilter] = useState<RegisterFilter>(NO_FILTER);
  const state = useMemo((): FilterState => [filter, setFilter], [filter]);
  return <Filter.Provider value={state}>{children}</Filter.Provider>;
}

/** The shared filter, or (outside a provider) one of the view's own. */
export function useRegisterFilter(): FilterState {
  const shared = useContext(Filter);
  const [filter, setFilter] = useState<RegisterFilter>(NO_FILTER);
  const own = useMemo((): FilterState => [filter, setFilter], [filter]);
  return shared ?? own;
}

const useStyles = makeStyles({
  controls: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
  },
  field: { flex: "1 1 9em", minWidth: 0 },
});

/** The two dropdowns (native selects: arrow keys and type-ahead work), and a button to count everything. */
export function FilterControls({
  filter,
  onChange,
}: {
  filter: RegisterFilter;
  onChange: Dispatch<RegisterFilter>;
}) {
  const styles = useStyles();
  const { language, t } = usePane();
  const id = useId();
  const choose = (key: keyof RegisterFilter) => (value: string) =>
    onChange({ ...filter, [key]: value === "" ? undefined : value });
  const dropdown = (key: keyof RegisterFilter, label: string, items: typeof DISTRICTS) => (
    <Field label={label} className={styles.field}>
      <Select
        id={`${id}-${key}`}
        value={filter[key] ?? ""}
        onChange={(_, data) => choose(key)(data.value)}
        data-testid={`filter-${key}`}
      >
        <option value="">{t("filterAll")}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.label[language]}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <div role="group" aria-label={t("filterTitle")} className={styles.controls}>
      {dropdown("district", t("filterDistrict"), DISTRICTS)}
      {dropdown("sector", t("filterSector"), SECTORS)}
      {isFiltered(filter) ? (
        <Button appearance="subtle" onClick={() => onChange(NO_FILTER)}>
          {t("filterClear")}
        </Button>
      ) : null}
    </div>
  );
}

/** What the filter keeps, in the pane's language: "Pudong New Area · Online education". */
export function filterWords(filter: RegisterFilter, language: Language): string {
  const district = DISTRICTS.find((d) => d.id === filter.district)?.label[language];
  const sector = SECTORS.find((s) => s.id === filter.sector)?.label[language];
  return [district, sector].filter((word) => word !== undefined).join(" · ");
}

/**
 * "Counting only: …" (announced as it changes), and, when `cityTargets`, what the goals are judged
 * against: the city's targets, or the district's quotas where `byQuota` (it has some).
 */
export function FilterNote({
  filter,
  cityTargets = false,
  byQuota = false,
}: {
  filter: RegisterFilter;
  cityTargets?: boolean;
  byQuota?: boolean;
}) {
  const { language, t } = usePane();
  return (
    <div role="status" data-testid="filter-note">
      {isFiltered(filter) ? (
        <Text weight="semibold">
          {t("countingOnly", { filter: filterWords(filter, language) })}
          {cityTargets
            ? `${language === "zh" ? "" : " "}${t(byQuota ? "quotasStandForTargets" : "targetsStayCity")}`
            : null}
        </Text>
      ) : null}
    </div>
  );
}
