/**
 * The reference page of the render benchmark (npm run bench): the least a Fluent UI v9 task pane
 * renders, built like the task pane (production mode, same loaders), so the ratio of the two
 * render times shows what the tracker adds.
 */
import { Button, FluentProvider, Text, Title3, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

function MinimalPage() {
  return (
    <FluentProvider theme={webLightTheme}>
      <main>
        <Title3 as="h1" block data-testid="bench-heading">
          Minimal Fluent UI page
        </Title3>
        <Text as="p" block>
          The reference for the task pane&apos;s render time.
        </Text>
        <Button appearance="primary">Continue</Button>
      </main>
    </FluentProvider>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<MinimalPage />);
