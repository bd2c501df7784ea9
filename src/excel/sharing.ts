/**
 * Preparing a workbook for colleagues. Every figure of the template is a native formula any
 * spreadsheet computes, so nothing needs turning into values before sending. Cells people write
 * with the add-in's functions show #NAME? where the add-in is absent; those are theirs to paste as
 * values (Excel's Paste Values, which Excel can undo), not the add-in's to overwrite.
 */

/** The parts of Office (not Excel) that make a workbook open the add-in for people who have it. */
export interface StartupApi {
  /** true: Office.StartupBehavior.load; false: Office.StartupBehavior.none. */
  setStartupBehavior(load: boolean): Promise<void>;
  setDocumentSetting(name: string, value: unknown): Promise<void>;
}

/**
 * The document setting that opens the pane with the workbook. Office honours it only for the
 * ShowTaskpane button whose TaskpaneId is this same name (manifest.xml; the offline validator holds
 * the manifest to it).
 */
export const AUTO_SHOW_TASKPANE_SETTING = "Office.AutoShowTaskpaneWithDocument";

/**
 * Makes the workbook load the add-in when opened by people who have it: the shared runtime starts
 * with the document (so the functions compute at once), and the task pane opens with it.
 *
 * Both are stored in the file. Everyone else who opens it is shown an add-in error, as Office
 * cannot load an add-in they do not have (office-js issues 1542 and 3558), so the pane asks first
 * and offers stopLoadingAddInWithWorkbook to undo it.
 */
export async function loadAddInWithWorkbook(api: StartupApi): Promise<void> {
  await api.setStartupBehavior(true);
  await api.setDocumentSetting(AUTO_SHOW_TASKPANE_SETTING, true);
}

/** Undoes loadAddInWithWorkbook: the add-in starts only when used, and the pane stays closed. */
export async function stopLoadingAddInWithWorkbook(api: StartupApi): Promise<void> {
  await api.setStartupBehavior(false);
  await api.setDocumentSetting(AUTO_SHOW_TASKPANE_SETTING, false);
}

/** The StartupApi over office.js. */
export const officeStartupApi: StartupApi = {
  setStartupBehavior: (load) =>
    Office.addin.setStartupBehavior(load ? Office.StartupBehavior.load : Office.StartupBehavior.none),
  setDocumentSetting: (name, value) =>
    new Promise((resolve, reject) => {
      Office.context.document.settings.set(name, value);
      Office.context.document.settings.saveAsync((result) =>
        result.status === Office.AsyncResultStatus.Succeeded
          ? resolve()
          : reject(new Error(result.error.message)),
      );
    }),
};
