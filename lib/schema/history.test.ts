import { expect, test } from "vitest";
import { HISTORY_LIMIT, record, redo, startHistory, undo } from "./history";

test("undo and redo walk the recorded states and name the edit they revert", () => {
  let history = startHistory("a");
  history = record(history, "b", "Add table");
  history = record(history, "c", "Rename table");
  expect(history.presentLabel).toBe("Rename table");
  history = undo(history);
  expect(history.present).toBe("b");
  expect(history.presentLabel).toBe("Add table");
  history = undo(history);
  expect(history.present).toBe("a");
  expect(undo(history)).toBe(history);
  history = redo(redo(history));
  expect(history.present).toBe("c");
  history = record(undo(history), "d", "Delete field");
  expect(history.future).toEqual([]);
  expect(redo(history)).toBe(history);
});

test("history keeps the last HISTORY_LIMIT steps", () => {
  let history = startHistory(0);
  for (let i = 1; i <= HISTORY_LIMIT + 50; i++) history = record(history, i, "Move");
  expect(history.past).toHaveLength(HISTORY_LIMIT);
});
