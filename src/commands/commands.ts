/**
 * Ribbon commands. The only button opens the task pane (declared in the manifest as ShowTaskpane),
 * so no function commands are registered yet; this bundle exists so the shared runtime has a
 * commands entry to grow into.
 */
export const COMMANDS: readonly string[] = [];
