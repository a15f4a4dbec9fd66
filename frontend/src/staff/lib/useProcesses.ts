import { api } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";

/** The city's processes, for filters and the process choice in forms. */
export function useProcesses() {
  return useLoading(
    () => allPages((cursor) => must(api.GET("/api/v1/staff/processes", { params: { query: { limit: 100, cursor } } }))),
    [],
    { keepWhileLoading: true },
  );
}

/** The city's groups (of one process, or all), for filters and the group choice of a meeting. */
export function useGroups(processId?: string) {
  return useLoading(
    () =>
      allPages((cursor) =>
        must(api.GET("/api/v1/staff/groups", { params: { query: { limit: 100, cursor, process_id: processId || undefined } } })),
      ),
    [processId],
    { keepWhileLoading: true },
  );
}
