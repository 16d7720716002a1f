/** React access to the pane store: the store itself for intents, and selected slices of its state. */
import React, { createContext, useContext, useSyncExternalStore } from "react";
import type { PaneState, PaneStore } from "./store";

const StoreContext = createContext<PaneStore | null>(null);

export function StoreProvider({ store, children }: { store: PaneStore; children: React.ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): PaneStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error("useStore is used outside <StoreProvider>.");
  return store;
}

/** A slice of the pane state; re-renders when the slice changes (select fields, not new objects). */
export function usePane<T>(select: (state: PaneState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
