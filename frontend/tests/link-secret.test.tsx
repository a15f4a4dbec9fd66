// A mailed link's secret rides in the fragment (`/manage/registration#t=…`): the page takes it, keeps it
// for the tab (a reload works), and takes it out of the address at once; older links with the secret in
// the path move it there first.
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, expect, test } from "vitest";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { type LinkKind, SecretInPath, secretInFragment, useLinkSecret } from "../src/components/linkSecret";

const SECRET = "Zx3_abc-DEF0123456789abcdefghijklmnopqrstuv";

beforeEach(() => sessionStorage.clear());
afterEach(cleanup);

function Page({ kind }: { kind: LinkKind }) {
  const secret = useLinkSecret(kind);
  const location = useLocation();
  return (
    <>
      <p data-testid="secret">{secret}</p>
      <p data-testid="address">{location.pathname + location.search + location.hash}</p>
    </>
  );
}

function app(address: string) {
  return render(
    <MemoryRouter initialEntries={[address]}>
      <Routes>
        <Route path="/manage/registration" element={<Page kind="registration" />} />
        <Route path="/manage/registration/data" element={<Page kind="registration" />} />
        <Route path="/manage/registration/:token" element={<SecretInPath page="/manage/registration" />} />
        <Route path="/manage/registration/:token/data" element={<SecretInPath page="/manage/registration" rest="/data" />} />
        <Route path="/staff/invitation" element={<Page kind="invitation" />} />
      </Routes>
    </MemoryRouter>,
  );
}

test("reads the secret from the fragment", () => {
  expect(secretInFragment(`#t=${SECRET}`)).toBe(SECRET);
  expect(secretInFragment(`#lang=ar&t=${SECRET}`)).toBe(SECRET);
  expect(secretInFragment("#answers")).toBeNull();
  expect(secretInFragment("#t=")).toBeNull();
  expect(secretInFragment("")).toBeNull();
});

test("the page uses the fragment's secret, drops it from the address and keeps it for a reload", async () => {
  app(`/manage/registration?confirm=1#t=${SECRET}`);
  expect(screen.getByTestId("secret").textContent).toBe(SECRET);
  await waitFor(() => expect(screen.getByTestId("address").textContent).toBe("/manage/registration?confirm=1"));
  expect(sessionStorage.getItem("teilhabe.link.registration")).toBe(SECRET);
  cleanup();

  // A reload: the address has no secret any more, the tab still knows it.
  app("/manage/registration/data");
  expect(screen.getByTestId("secret").textContent).toBe(SECRET);
  // Kept per kind: an invitation page knows nothing of a registration's secret.
  cleanup();
  app("/staff/invitation");
  expect(screen.getByTestId("secret").textContent).toBe("");
});

test("an older link with the secret in the path moves it into the fragment, then out of the address", async () => {
  app(`/manage/registration/${SECRET}/data?lang=ar`);
  await waitFor(() => expect(screen.getByTestId("address").textContent).toBe("/manage/registration/data?lang=ar"));
  expect(screen.getByTestId("secret").textContent).toBe(SECRET);
  expect(sessionStorage.getItem("teilhabe.link.registration")).toBe(SECRET);
});
