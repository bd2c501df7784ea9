/** The as-of date (kept in the workbook, so everyone sees the same figures), language and thresholds. */
import {
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { parseIsoDate, serialToIso } from "../../core/dates";
import type { Language } from "../../core/language";
import { usePane } from "../context";
import { describeFailure } from "../errors";
import { formatDate } from "../format";
import type { HostInfo } from "../host";
import { Notice } from "../Notice";
import { validThresholds } from "../settings";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end", flexWrap: "wrap" },
});

type Message = { intent: "success" | "error"; text: string } | undefined;
/** Kept as a key, so a message still reads right after the language changes. */
type KeyedMessage = { intent: "success" | "error"; key: "settingsSaved" | "thresholdsInvalid" } | undefined;

function AsOfSetting() {
  const styles = useStyles();
  const { t, client, snapshot, language, refresh } = usePane();
  const [mode, setMode] = useState<"today" | "fixed">(snapshot?.asOfIsToday === false ? "fixed" : "today");
  const [date, setDate] = useState(
    snapshot?.asOf !== undefined && !snapshot.asOfIsToday ? serialToIso(snapshot.asOf) : "",
  );
  const [message, setMessage] = useState<Message>();
  if (!snapshot) return null;
  const save = async () => {
    const serial = mode === "today" ? undefined : parseIsoDate(date);
    if (mode === "fixed" && serial === undefined) {
      setMessage({ intent: "error", text: t("asOfInvalid") });
      return;
    }
    try {
      await client.setAsOf(serial);
      await refresh();
      setMessage({
        intent: "success",
        text: t("asOfSaved", { date: serial === undefined ? t("asOfToday") : formatDate(serial, language) }),
      });
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    }
  };
  return (
    <section aria-labelledby="asof-title" className={styles.column}>
      <Subtitle2 as="h2" id="asof-title">
        {t("asOfSetting")}
      </Subtitle2>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <RadioGroup
        value={mode}
        onChange={(_, data) => setMode(data.value as "today" | "fixed")}
        aria-labelledby="asof-title"
      >
        <Radio value="today" label={t("asOfToday")} />
        <Radio value="fixed" label={t("asOfFixed")} />
      </RadioGroup>
      {mode === "fixed" ? (
        <Field label={t("asOfFixed")}>
          <Input type="date" value={date} onChange={(_, data) => setDate(data.value)} />
        </Field>
      ) : null}
      <div>
        <Button onClick={() => void save()}>{t("asOfApply")}</Button>
      </div>
    </section>
  );
}

export default function SettingsView({ host }: { host: HostInfo }) {
  const styles = useStyles();
  const { t, settings, updateSettings } = usePane();
  const [language, setLanguage] = useState<Language | "office">(settings.language);
  const [onTrack, setOnTrack] = useState(String(Math.round(settings.thresholds.onTrack * 100)));
  const [atRisk, setAtRisk] = useState(String(Math.round(settings.thresholds.atRisk * 100)));
  const [message, setMessage] = useState<KeyedMessage>();
  const save = () => {
    const thresholds = { onTrack: Number(onTrack) / 100, atRisk: Number(atRisk) / 100 };
    if (
      !Number.isFinite(thresholds.onTrack) ||
      !Number.isFinite(thresholds.atRisk) ||
      !validThresholds(thresholds)
    ) {
      setMessage({ intent: "error", key: "thresholdsInvalid" });
      return;
    }
    updateSettings({ language, thresholds });
    setMessage({ intent: "success", key: "settingsSaved" });
  };
  return (
    <div className={styles.column} data-testid="settings-view">
      {host.inExcel ? <AsOfSetting /> : null}
      <section aria-labelledby="settings-title" className={styles.column}>
        <Subtitle2 as="h2" id="settings-title">
          {t("settingsTitle")}
        </Subtitle2>
        {message ? <Notice intent={message.intent}>{t(message.key)}</Notice> : null}
        <Field label={t("languageSetting")}>
          <RadioGroup value={language} onChange={(_, data) => setLanguage(data.value as Language | "office")}>
            <Radio value="office" label={t("followOffice")} />
            <Radio value="en" label="English" />
            <Radio value="zh" label="中文" />
          </RadioGroup>
        </Field>
        <Subtitle2 as="h3">{t("thresholdsTitle")}</Subtitle2>
        <div className={styles.row}>
          <Field label={t("onTrackThreshold")}>
            <Input type="number" value={onTrack} onChange={(_, data) => setOnTrack(data.value)} />
          </Field>
          <Field label={t("atRiskThreshold")}>
            <Input type="number" value={atRisk} onChange={(_, data) => setAtRisk(data.value)} />
          </Field>
        </div>
        <div>
          <Button appearance="primary" onClick={save}>
            {t("saveSettings")}
          </Button>
        </div>
      </section>
    </div>
  );
}
