/** The as-of date (kept in the workbook, so everyone sees the same figures), language and thresholds. */
import { Button, Field, Input, Radio, RadioGroup, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { parseWrittenDate, serialToIso } from "../../core/dates";
import type { Language } from "../../core/language";
import { usePane } from "../context";
import { DateField } from "../DateField";
import { formatDate } from "../format";
import type { HostInfo } from "../host";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice } from "../Notice";
import { validThresholds } from "../settings";
import { useAction } from "../use-action";

function AsOfSetting() {
  const { t, client, snapshot, refresh } = usePane();
  const [mode, setMode] = useState<"today" | "fixed">(snapshot?.asOfIsToday === false ? "fixed" : "today");
  const [date, setDate] = useState(
    snapshot?.asOf !== undefined && !snapshot.asOfIsToday ? serialToIso(snapshot.asOf) : "",
  );
  const { busy, message, run, say } = useAction();
  if (!snapshot) return null;
  const save = () => {
    const serial = mode === "today" ? undefined : parseWrittenDate(date);
    if (mode === "fixed" && serial === undefined) {
      say("error", "asOfInvalid");
      return;
    }
    void run(async () => {
      await client.setAsOf(serial);
      await refresh();
      return (t, language) =>
        t("asOfSaved", { date: serial === undefined ? t("asOfToday") : formatDate(serial, language) });
    });
  };
  return (
    <Section headingId="asof-title" title={t("asOfSetting")}>
      <ActionNotice message={message} />
      <RadioGroup
        value={mode}
        onChange={(_, data) => setMode(data.value as "today" | "fixed")}
        aria-labelledby="asof-title"
      >
        <Radio value="today" label={t("asOfToday")} />
        <Radio value="fixed" label={t("asOfFixed")} />
      </RadioGroup>
      {mode === "fixed" ? <DateField label={t("asOfFixed")} value={date} onChange={setDate} /> : null}
      <div>
        <Button disabledFocusable={busy} onClick={save}>
          {t("asOfApply")}
        </Button>
      </div>
    </Section>
  );
}

export default function SettingsView({ host }: { host: HostInfo }) {
  const layout = useLayoutStyles();
  const { t, settings, updateSettings } = usePane();
  const [language, setLanguage] = useState<Language | "office">(settings.language);
  const [onTrack, setOnTrack] = useState(String(Math.round(settings.thresholds.onTrack * 100)));
  const [atRisk, setAtRisk] = useState(String(Math.round(settings.thresholds.atRisk * 100)));
  // Nothing to wait for here; the hook is for its messages, which re-read in the language just chosen.
  const { message, say } = useAction();
  const save = () => {
    const thresholds = { onTrack: Number(onTrack) / 100, atRisk: Number(atRisk) / 100 };
    if (
      !Number.isFinite(thresholds.onTrack) ||
      !Number.isFinite(thresholds.atRisk) ||
      !validThresholds(thresholds)
    ) {
      say("error", "thresholdsInvalid");
      return;
    }
    updateSettings({ language, thresholds });
    say("success", "settingsSaved");
  };
  return (
    <div className={layout.column} data-testid="settings-view">
      {host.inExcel ? <AsOfSetting /> : null}
      <Section headingId="settings-title" title={t("settingsTitle")}>
        <ActionNotice message={message} />
        <Field label={t("languageSetting")}>
          <RadioGroup value={language} onChange={(_, data) => setLanguage(data.value as Language | "office")}>
            <Radio value="office" label={t("followOffice")} />
            <Radio value="en" label="English" />
            <Radio value="zh" label="中文" />
          </RadioGroup>
        </Field>
        <Subtitle2 as="h3">{t("thresholdsTitle")}</Subtitle2>
        <div className={layout.fieldRow}>
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
      </Section>
    </div>
  );
}
