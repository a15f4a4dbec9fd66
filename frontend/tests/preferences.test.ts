// Choosing working groups and putting them in order of preference.
import { expect, test } from "vitest";
import { MAX_PREFERENCES, moveGroup, positionOf, toggleGroup } from "../src/public/preferences";

test("choosing adds at the end, unchoosing removes and keeps the others' order", () => {
  let order = toggleGroup([], "bildung");
  order = toggleGroup(order, "arbeit");
  order = toggleGroup(order, "wohnen");
  expect(order).toEqual(["bildung", "arbeit", "wohnen"]);
  expect(toggleGroup(order, "arbeit")).toEqual(["bildung", "wohnen"]);
});

test("at most five groups (the API's limit)", () => {
  const five = ["a", "b", "c", "d", "e"];
  expect(MAX_PREFERENCES).toBe(5);
  expect(toggleGroup(five, "f")).toEqual(five);
  expect(toggleGroup(five, "c")).toEqual(["a", "b", "d", "e"]);
});

test("moving up and down swaps with the neighbour; the ends stay put", () => {
  const order = ["bildung", "arbeit", "wohnen"];
  expect(moveGroup(order, "wohnen", -1)).toEqual(["bildung", "wohnen", "arbeit"]);
  expect(moveGroup(order, "bildung", 1)).toEqual(["arbeit", "bildung", "wohnen"]);
  expect(moveGroup(order, "bildung", -1)).toEqual(order);
  expect(moveGroup(order, "wohnen", 1)).toEqual(order);
  expect(moveGroup(order, "unknown", 1)).toEqual(order);
  // The list passed in is never changed (React state).
  expect(order).toEqual(["bildung", "arbeit", "wohnen"]);
});

test("positions are counted from 1, as people count", () => {
  expect(positionOf(["bildung", "arbeit"], "arbeit")).toBe(2);
  expect(positionOf(["bildung", "arbeit"], "wohnen")).toBe(0);
});
