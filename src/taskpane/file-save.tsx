/**
 * Handing a file the pane made (an export, the empty register) to the person. A Blob behind an
 * <a download> saves it in Excel on the web and on Windows (WebView2); Excel on Mac ignores such
 * downloads without an error, so there the pane shows the file's text to copy instead.
 */
import { useCallback, useState } from "react";
import { usePane } from "./context";
import { Notice } from "./Notice";
import { TextToCopy } from "./TextToCopy";

export interface PaneFile {
  readonly name: string;
  readonly type: string;
  /** Text, or bytes as core made them (a CSV with its byte-order mark). */
  readonly content: string | Uint8Array;
}

/** Hands `file` to the browser as a download. */
function download(file: PaneFile): void {
  // Copied into a fresh buffer: a Blob takes bytes backed by an ArrayBuffer only.
  const part = typeof file.content === "string" ? file.content : new Uint8Array(file.content);
  const url = URL.createObjectURL(new Blob([part], { type: file.type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.click();
  // Revoked a moment later, not at once: some browsers cancel a download whose URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file as a person reads it, without the byte-order mark. */
function textOf(file: PaneFile): string {
  const text = typeof file.content === "string" ? file.content : new TextDecoder().decode(file.content);
  return text.replace(/^\ufeff/, "");
}

/**
 * `save(file)` saves a file, or returns false when this Excel cannot; `unsaved` is then that file,
 * for UnsavedFile to show.
 */
export function useFileSave() {
  const { host } = usePane();
  const [unsaved, setUnsaved] = useState<PaneFile>();
  const save = useCallback(
    (file: PaneFile) => {
      if (host.blocksDownloads) {
        setUnsaved(file);
        return false;
      }
      setUnsaved(undefined);
      download(file);
      return true;
    },
    [host],
  );
  return { save, unsaved };
}

/** Why the file was not saved, and its text to copy into a file of that name. */
export function UnsavedFile({ file, id }: { file: PaneFile | undefined; id: string }) {
  const { t } = usePane();
  if (!file) return null;
  return (
    <>
      <Notice intent="warning">{t("noDownloads", { file: file.name })}</Notice>
      <TextToCopy id={id} label={t("fileText", { file: file.name })} text={textOf(file)} />
    </>
  );
}
