import { useLocation } from "react-router";

/** A confirmation handed over by the page before ("Saved."), through the router's location state. */
export function useFlash(): string | null {
  const location = useLocation();
  const state = location.state as { flash?: string } | null;
  return state?.flash ?? null;
}
