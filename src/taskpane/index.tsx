/** Task pane entry: find out where we run, then render. */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectHost } from "./host";
import { createTrackerClient } from "./tracker-client";

const container = document.getElementById("root");
if (container) {
  void detectHost().then((host) => {
    document.documentElement.lang = host.language === "zh" ? "zh-CN" : "en";
    createRoot(container).render(<App host={host} client={createTrackerClient()} />);
  });
}
