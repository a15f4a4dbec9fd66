// The pages behind a mail's manage link: their own chunk, so the public entry (city, process, event,
// sign-up) stays small. Mounted at /manage/* by PublicRoutes.
import { Route, Routes } from "react-router";
import { NotFoundPage } from "../Loaded";
import { ErasePage } from "./ErasePage";
import { MembershipPage } from "./MembershipPage";
import { MyDataPage } from "./MyDataPage";
import { RegistrationPage } from "./RegistrationPage";

export default function ManageRoutes() {
  return (
    <Routes>
      <Route path="registration/:token" element={<RegistrationPage />} />
      <Route path="registration/:token/data" element={<MyDataPage kind="registration" />} />
      <Route path="registration/:token/erase" element={<ErasePage kind="registration" />} />
      <Route path="membership/:token" element={<MembershipPage />} />
      <Route path="membership/:token/data" element={<MyDataPage kind="membership" />} />
      <Route path="membership/:token/erase" element={<ErasePage kind="membership" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
