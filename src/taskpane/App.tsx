/** The pane with everything it depends on passed in: the theme, the store (over a `run`), and SMAA. */
import React from "react";
import { FluentProvider } from "@fluentui/react-components";
import { Pane, type Feature } from "./Pane";
import { SmaaRunnerContext } from "./sensitivity/SmaaContext";
import type { SmaaRunner } from "./sensitivity/smaaRunner";
import { StoreProvider } from "./state/context";
import type { PaneStore } from "./state/store";
import { fluentTheme, type ThemeMode } from "./theme";

export interface AppProps {
  store: PaneStore;
  smaa: SmaaRunner | null;
  mode: ThemeMode;
  initialFeature?: Feature;
}

export function App({ store, smaa, mode, initialFeature }: AppProps) {
  return (
    <FluentProvider theme={fluentTheme(mode)} style={{ minHeight: "100vh" }}>
      <StoreProvider store={store}>
        <SmaaRunnerContext.Provider value={smaa}>
          <Pane initialFeature={initialFeature} />
        </SmaaRunnerContext.Provider>
      </StoreProvider>
    </FluentProvider>
  );
}
