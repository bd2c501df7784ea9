/**
 * The task pane shell: where it runs decides what it shows (outside Excel, an Excel too old, a
 * workbook without the template, or the tracker's views). The overview is in the first bundle;
 * the other views load when first opened.
 */
import {
  Body1,
  Button,
  Caption1,
  FluentProvider,
  makeStyles,
  Tab,
  TabList,
  Title3,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Language } from "../core/language";
import { nowSerial } from "../core/dates";
import { EngineError } from "../core/errors";
import { STATUS_RULE_LABELS } from "../core/status-rules";
import { sheetSpec } from "../core/template/template";
import { statusRuleFrom, UNUSABLE_RULE_PROBLEMS } from "../core/tracking";
import { NotATrackingWorkbookError, type TrackingSnapshot } from "../excel/tables";
import { hasChangeTrail, Pane, type PaneContext, usePane } from "./context";
import { describeFailure } from "./errors";
import { RegisterFilterProvider } from "./filters";
import { formatClauses, formatList } from "./format";
import type { HostInfo } from "./host";
import { translator, type Translate } from "./i18n";
import { buildOverview, type Overview } from "./overview-model";
import { Loading, Notice } from "./Notice";
import { loadSettings, type PaneSettings, saveSettings } from "./settings";
import type { TrackerClient } from "./tracker-client";
import { OverviewView } from "./views/OverviewView";

const RegisterView = lazy(() => import(/* webpackChunkName: "view-register" */ "./views/RegisterView"));
const WorkbookView = lazy(() => import(/* webpackChunkName: "view-workbook" */ "./views/WorkbookView"));
const HistoryView = lazy(() => import(/* webpackChunkName: "view-history" */ "./views/HistoryView"));
const EvaluationView = lazy(() => import(/* webpackChunkName: "view-evaluation" */ "./views/EvaluationView"));
const SettingsView = lazy(() => import(/* webpackChunkName: "view-settings" */ "./views/SettingsView"));
const EditView = lazy(() => import(/* webpackChunkName: "view-edit" */ "./views/EditView"));
const MergeView = lazy(() => import(/* webpackChunkName: "view-merge" */ "./views/MergeView"));
// Offered where the pane cannot go on (an Excel too old, a failed read): what a support request needs.
const DiagnosticsSection = lazy(
  () => import(/* webpackChunkName: "view-diagnostics" */ "./views/DiagnosticsSection"),
);

const VIEWS = [
  "overview",
  "register",
  "edit",
  "merge",
  "workbook",
  "history",
  "evaluation",
  "settings",
] as const;
type View = (typeof VIEWS)[number];
const TAB_LABELS = {
  overview: "tabOverview",
  register: "tabRegister",
  edit: "tabEdit",
  merge: "tabMerge",
  workbook: "tabWorkbook",
  history: "tabHistory",
  evaluation: "tabEvaluation",
  settings: "tabSettings",
} as const;

/** Register edits arrive as bursts of change events: refresh once they pause. */
const REFRESH_DEBOUNCE_MS = 400;

const useStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  tabs: { flexWrap: "wrap" },
});

type Load =
  | { kind: "loading" }
  | { kind: "ready"; snapshot: TrackingSnapshot }
  | { kind: "noTemplate" }
  | { kind: "failed"; error: unknown };

/** A read that failed, or an overview the engine could not build, with a button to read again. */
function Failure({ error, retry }: { error: unknown; retry: () => Promise<void> }) {
  const { t, language } = usePane();
  return (
    <Notice
      intent="error"
      title={t("errorTitle")}
      action={{ label: t("errorRetry"), onClick: () => void retry() }}
    >
      {describeFailure(error, t, language)}
    </Notice>
  );
}

function OutsideExcel({ t }: { t: Translate }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="outside-title" data-testid="outside-excel" className={styles.column}>
      <Title3 as="h1" block id="outside-title">
        {t("outsideTitle")}
      </Title3>
      <Body1 as="p" block>
        {t("outsideBody")}
      </Body1>
      <Body1 as="p" block>
        {t("outsideSteps")}
      </Body1>
    </section>
  );
}

export function App({ host, client }: { host: HostInfo; client: TrackerClient }) {
  const styles = useStyles();
  const [settings, setSettings] = useState<PaneSettings>(() => loadSettings());
  const language: Language = settings.language === "office" ? host.language : settings.language;
  const t = useMemo(() => translator(language), [language]);
  const theme = host.dark ? webDarkTheme : webLightTheme;
  const missing = useMemo(() => (host.inExcel ? client.missingRequirements() : []), [host.inExcel, client]);
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [view, setView] = useState<View>("overview");

  // Who the trail names for edits found in cells, read when a read ends: a new name does not make
  // refresh a new function (which would read again and subscribe again).
  const who = useRef(settings.name);
  who.current = settings.name;
  // Edits typed straight into the Register, found once per read and logged to Changes in the
  // background (the display does not wait). Writing Changes and the record never touches the
  // Register, so it raises no change event and no read; still, one runs at a time, and a read
  // ending meanwhile is recorded after it (its register, the latest, is what counts).
  const [cellEdits, setCellEdits] = useState<{ count: number } | { error: unknown }>();
  const recording = useRef<{ next?: TrackingSnapshot } | undefined>(undefined);
  const recordCellEdits = useCallback(
    (snapshot: TrackingSnapshot) => {
      if (!hasChangeTrail(snapshot)) return;
      if (recording.current) {
        recording.current.next = snapshot;
        return;
      }
      const state: { next?: TrackingSnapshot } = {};
      recording.current = state;
      void client
        .recordCellEdits(snapshot.register, nowSerial(), who.current, snapshot.language)
        .then(
          ({ changes }) => setCellEdits(changes > 0 ? { count: changes } : undefined),
          (error: unknown) => setCellEdits({ error }),
        )
        .finally(() => {
          recording.current = undefined;
          if (state.next) recordCellEdits(state.next);
        });
    },
    [client],
  );

  // The message is worded at render time, so a language switch neither re-reads nor re-subscribes.
  const refresh = useCallback(async () => {
    await client.read().then(
      (snapshot) => {
        setLoad({ kind: "ready", snapshot });
        recordCellEdits(snapshot);
      },
      (error: unknown) =>
        setLoad(
          error instanceof NotATrackingWorkbookError ? { kind: "noTemplate" } : { kind: "failed", error },
        ),
    );
  }, [client, recordCellEdits]);

  // A workbook without the template opens on the Workbook view, and stays there once created.
  useEffect(() => {
    if (load.kind === "noTemplate") setView("workbook");
  }, [load.kind]);

  const canTrack = host.inExcel && missing.length === 0;
  useEffect(() => {
    if (canTrack) void refresh();
  }, [canTrack, refresh]);

  const watching = load.kind === "ready";
  useEffect(() => {
    if (!watching) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    void client.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => active && void refresh(), REFRESH_DEBOUNCE_MS);
    });
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [watching, client, refresh]);

  // Cells people typed can stop the engine (a date that is not one, a renamed column): that becomes
  // a message naming the cell, not a blank pane.
  const built = useMemo((): { overview?: Overview; error?: unknown } => {
    if (load.kind !== "ready") return {};
    try {
      // The rule the workbook's own status formulas use, so the pane and the sheet agree.
      const reading = statusRuleFrom(load.snapshot.about, load.snapshot.statusRules, load.snapshot.language);
      // Where the sheet's statuses are errors, the pane shows none either: it says what to fix.
      if (UNUSABLE_RULE_PROBLEMS.has(reading.problem))
        return {
          error: new EngineError("na", "statusRuleUnusable", {
            rule: STATUS_RULE_LABELS[reading.rule.id][load.snapshot.language],
          }),
        };
      const { rule } = reading;
      return { overview: buildOverview(load.snapshot, rule, language) };
    } catch (error) {
      return { error };
    }
  }, [load, language]);
  const overview = built.overview;

  const updateSettings = useCallback((next: PaneSettings) => {
    saveSettings(next);
    setSettings(next);
  }, []);

  const snapshot = load.kind === "ready" ? load.snapshot : undefined;
  // A new value re-renders every view that reads the pane: make one only when a part changes.
  const openSettings = useCallback(() => setView("settings"), []);
  const pane = useMemo(
    (): PaneContext => ({
      language,
      t,
      host,
      client,
      snapshot,
      overview,
      settings,
      refresh,
      updateSettings,
      openSettings,
    }),
    [language, t, host, client, snapshot, overview, settings, refresh, updateSettings, openSettings],
  );

  let body;
  if (!host.inExcel) {
    body = <OutsideExcel t={t} />;
  } else if (missing.length > 0) {
    body = (
      <>
        <Notice intent="warning" title={t("unsupportedTitle")}>
          {t("unsupportedBody", {
            sets: formatList(
              missing.map((m) => `${m.set} ${m.version}`),
              language,
            ),
            purpose: formatClauses(
              missing.map((m) => m.purpose[language]),
              language,
            ),
          })}
        </Notice>
        <Suspense fallback={null}>
          <DiagnosticsSection />
        </Suspense>
      </>
    );
  } else if (load.kind === "loading") {
    body = <Loading label={t("loading")} />;
  } else if (load.kind === "failed") {
    body = (
      <>
        <Failure error={load.error} retry={refresh} />
        <Suspense fallback={null}>
          <DiagnosticsSection />
        </Suspense>
      </>
    );
  } else {
    const shown: View = load.kind === "noTemplate" && view !== "settings" ? "workbook" : view;
    body = (
      <>
        <header className={styles.column}>
          <Title3 as="h1" block>
            {t("appTitle")}
          </Title3>
          <Caption1 block>{t("planName")}</Caption1>
        </header>
        {load.kind === "noTemplate" ? (
          <Notice intent="info" title={t("noTemplateTitle")}>
            {t("noTemplateBody")}
          </Notice>
        ) : null}
        {cellEdits ? (
          <Notice intent={"count" in cellEdits ? "info" : "warning"}>
            {"count" in cellEdits
              ? t(cellEdits.count === 1 ? "cellEditsFoundOne" : "cellEditsFound", {
                  count: cellEdits.count,
                  sheet: sheetSpec("changes").name[language],
                })
              : t("cellEditsFailed", { message: describeFailure(cellEdits.error, t, language) })}
          </Notice>
        ) : null}
        <nav aria-label={t("viewsLabel")}>
          <TabList
            className={styles.tabs}
            aria-label={t("viewsLabel")}
            selectedValue={shown}
            onTabSelect={(_, data) => setView(data.value as View)}
            size="small"
          >
            {VIEWS.map((id) => (
              <Tab
                key={id}
                value={id}
                disabled={load.kind === "noTemplate" && id !== "workbook" && id !== "settings"}
              >
                {t(TAB_LABELS[id])}
              </Tab>
            ))}
          </TabList>
        </nav>
        <main aria-label={t(TAB_LABELS[shown])}>
          <Suspense fallback={<Loading label={t("loading")} />}>
            {/* The views drawn from the figures say why there are none. */}
            {(shown === "overview" || shown === "history" || shown === "evaluation") &&
            built.error !== undefined ? (
              <Failure error={built.error} retry={refresh} />
            ) : null}
            {shown === "overview" && overview ? <OverviewView /> : null}
            {shown === "register" ? <RegisterView /> : null}
            {shown === "edit" ? <EditView /> : null}
            {shown === "merge" ? <MergeView /> : null}
            {shown === "workbook" ? <WorkbookView /> : null}
            {shown === "history" ? <HistoryView /> : null}
            {shown === "evaluation" ? <EvaluationView /> : null}
            {shown === "settings" ? <SettingsView host={host} /> : null}
          </Suspense>
        </main>
        {load.kind === "ready" ? (
          <Button appearance="subtle" size="small" onClick={() => void refresh()}>
            {t("refresh")}
          </Button>
        ) : null}
      </>
    );
  }

  return (
    <FluentProvider theme={theme} lang={language === "zh" ? "zh-CN" : "en"}>
      <Pane.Provider value={pane}>
        {/* The Overview's and the Register view's District and Sector filter, one for both. */}
        <RegisterFilterProvider>
          <div className={styles.root}>{body}</div>
        </RegisterFilterProvider>
      </Pane.Provider>
    </FluentProvider>
  );
}
