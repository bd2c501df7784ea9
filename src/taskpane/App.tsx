import {
  Body1,
  Caption1,
  FluentProvider,
  makeStyles,
  Subtitle2,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { COMPARATOR_LABELS, GOALS, PLAN } from "../core/plan";
import type { HostInfo } from "./host";
import { type Translate, translator } from "./i18n";

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
});

function OutsideExcel({ t }: { t: Translate }) {
  return (
    <section aria-labelledby="outside-title" data-testid="outside-excel">
      <Title3 as="h1" id="outside-title">
        {t("outsideTitle")}
      </Title3>
      <Body1 as="p">{t("outsideBody")}</Body1>
      <Body1 as="p">{t("outsideSteps")}</Body1>
    </section>
  );
}

function PlanTargets({ host, t }: { host: HostInfo; t: Translate }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="targets-title">
      <Subtitle2 as="h2" id="targets-title">
        {t("targetsHeading")}
      </Subtitle2>
      <ul className={styles.list}>
        {GOALS.map((goal) => (
          <li key={goal.id}>
            <Body1>
              {goal.label[host.language]}: {COMPARATOR_LABELS[goal.comparator][host.language]} {goal.target}
            </Body1>
          </li>
        ))}
      </ul>
      <Caption1>
        {t("deadlineLabel")}: {PLAN.deadline}
      </Caption1>
    </section>
  );
}

export function App({ host }: { host: HostInfo }) {
  const styles = useStyles();
  const t = translator(host.language);
  return (
    <FluentProvider theme={webLightTheme} lang={host.language === "zh" ? "zh-CN" : "en"}>
      <main className={styles.root}>
        {host.inExcel ? (
          <>
            <Title3 as="h1">{t("appTitle")}</Title3>
            <Caption1>{t("planName")}</Caption1>
            <PlanTargets host={host} t={t} />
          </>
        ) : (
          <OutsideExcel t={t} />
        )}
      </main>
    </FluentProvider>
  );
}
