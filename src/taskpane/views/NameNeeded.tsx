/**
 * The change trail names who made each change by the name given in Settings: a view that writes to
 * the trail says so, with a way to Settings, while there is none.
 */
import { usePane } from "../context";
import { Notice } from "../Notice";

export function NameNeeded() {
  const { t, settings, openSettings } = usePane();
  if (settings.name) return null;
  return (
    <Notice
      intent="warning"
      action={openSettings ? { label: t("goToSettings"), onClick: openSettings } : undefined}
    >
      {t("nameNeeded")}
    </Notice>
  );
}
