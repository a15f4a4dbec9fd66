// The resident's site. The paths below are also written into the mails the backend sends
// (/:orgSlug/events/:eventId, /manage/registration?confirm=1#t=SECRET, /manage/membership#t=SECRET).
import { lazy, Suspense } from "react";
import { Route, Routes, useLocation } from "react-router";
import { Layout } from "../components/Layout";
import { logoAddress, useBrandColour, useCurrentCity } from "./brand";
import { CityListPage } from "./CityListPage";
import { CityPage } from "./CityPage";
import { EventPage } from "./EventPage";
import { GroupApplicationPage } from "./GroupApplicationPage";
import { GroupPage } from "./GroupPage";
import { LoadingNotice, NotFoundPage } from "./Loaded";
import { ProcessPage } from "./ProcessPage";

// Reached from the mails only: loaded when needed.
const ManageRoutes = lazy(() => import("./manage/ManageRoutes"));

export function PublicRoutes() {
  // On a city's pages the site wears the city's look: its logo in the header, its colour as the primary one.
  const city = useCurrentCity(useLocation().pathname);
  const colour = useBrandColour(city);
  const look = city ? { name: city.name, href: `/${city.slug}`, logo: logoAddress(city), branded: colour !== null } : null;
  return (
    <Layout city={look}>
      <Routes>
        <Route index element={<CityListPage />} />
        <Route
          path="manage/*"
          element={
            <Suspense fallback={<LoadingNotice />}>
              <ManageRoutes />
            </Suspense>
          }
        />
        <Route path=":orgSlug" element={<CityPage />} />
        <Route path=":orgSlug/processes/:processSlug" element={<ProcessPage />} />
        <Route path=":orgSlug/processes/:processSlug/apply" element={<GroupApplicationPage />} />
        <Route path=":orgSlug/events/:eventId" element={<EventPage />} />
        <Route path=":orgSlug/groups/:groupId" element={<GroupPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
