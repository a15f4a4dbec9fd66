// The one loading state of every page: "loading", the data, or the problem; stale answers are dropped.
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import type { Problem } from "../src/api/client";
import { useLoading } from "../src/api/loading";
import { problemToFieldErrors } from "../src/api/problem";

afterEach(cleanup);

/** A load whose answer the test gives when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const refused: Problem = { type: "https://teilhabe.example/problems/not-found", title: "Not Found", status: 404, detail: "No such event.", instance: null, errors: null };

test("loading, then the data; a thrown problem becomes the failed state", async () => {
  const first = deferred<string>();
  const { result } = renderHook(() => useLoading(() => first.promise, []));
  expect(result.current.state).toBe("loading");
  await act(async () => first.resolve("kickoff"));
  expect(result.current).toMatchObject({ state: "ready", data: "kickoff" });

  const failing = renderHook(() => useLoading(() => Promise.reject(refused), []));
  await waitFor(() => expect(failing.result.current.state).toBe("failed"));
  expect(failing.result.current.problem).toEqual(refused);
});

test("a new address shows loading, and the answer for the old one never shows", async () => {
  const answers: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
  const { result, rerender } = renderHook(({ id }) => useLoading(() => answers[id].promise, [id]), { initialProps: { id: "a" } });
  rerender({ id: "b" });
  await act(async () => answers.a.resolve("old"));
  expect(result.current.state).toBe("loading");
  await act(async () => answers.b.resolve("new"));
  expect(result.current.data).toBe("new");
});

test("keepWhileLoading keeps the data on screen while a reload is on its way", async () => {
  let round = 0;
  const next = [deferred<number>(), deferred<number>()];
  const { result } = renderHook(() => useLoading(() => next[round++].promise, [], { keepWhileLoading: true }));
  await act(async () => next[0].resolve(1));
  act(() => result.current.reload());
  expect(result.current).toMatchObject({ state: "ready", data: 1 });
  await act(async () => next[1].resolve(2));
  expect(result.current.data).toBe(2);
  act(() => result.current.replace(3));
  expect(result.current.data).toBe(3);
});

test("problemToFieldErrors: the most precise known name wins; renamed and aliased fields; the rest is unplaced", () => {
  const problem: Problem = {
    ...refused,
    status: 422,
    errors: [
      { field: "body.venue.name", location: "body", message: "too long", kind: "invalid", limit: null },
      { field: "answers.childcare", location: "body", message: "answer it", kind: "invalid", limit: null },
      { field: "body", location: "body", message: "e-mail or phone", kind: "invalid", limit: null },
      { field: "preferred_language", location: "body", message: "pattern", kind: "invalid", limit: null },
    ],
  };
  const placed = problemToFieldErrors(problem, ["venue", "answer-childcare", "phone"], {
    rename: (path) => path.replace(/^answers\./, "answer-"),
    aliases: { body: "phone" },
  });
  expect(placed).toEqual({
    fields: { venue: "too long", "answer-childcare": "answer it", phone: "e-mail or phone" },
    unplaced: ["pattern"],
  });
});
