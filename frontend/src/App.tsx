import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";
import { PublicRoutes } from "./public/PublicRoutes";

// The staff console is its own chunk: residents on phones never download it.
const StaffApp = lazy(() => import("./staff/StaffApp"));

function Loading() {
  const { t } = useTranslation("common");
  return (
    <p role="status" className="container">
      {t("loading")}
    </p>
  );
}

export function App() {
  return (
    <Routes>
      <Route
        path="/staff/*"
        element={
          <Suspense fallback={<Loading />}>
            <StaffApp />
          </Suspense>
        }
      />
      <Route path="/*" element={<PublicRoutes />} />
    </Routes>
  );
}
