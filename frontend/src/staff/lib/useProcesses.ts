import { api } from "../../api/client";
import { allPages, must } from "./apiResult";
import { useLoad } from "./useLoad";

/** The city's processes, for filters and the process choice in forms. */
export function useProcesses() {
  return useLoad(
    () => allPages((cursor) => must(api.GET("/api/v1/staff/processes", { params: { query: { limit: 100, cursor } } }))),
    [],
  );
}

/** The city's groups (of one process, or all), for filters and the group choice of a meeting. */
export function useGroups(processId?: string) {
  return useLoad(
    () =>
      allPages((cursor) =>
        must(api.GET("/api/v1/staff/groups", { params: { query: { limit: 100, cursor, process_id: processId || undefined } } })),
      ),
    [processId],
  );
}
