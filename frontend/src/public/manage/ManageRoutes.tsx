// The pages behind a mail's manage link: their own chunk, so the public entry (city, process, event,
// sign-up) stays small. Mounted at /manage/* by PublicRoutes. The link's secret is in the address's
// fragment (`/manage/registration#t=…`, see components/linkSecret); links of older mails with the secret
// in the path move it there first.
import { Route, Routes } from "react-router";
import { SecretInPath } from "../../components/linkSecret";
import { NotFoundPage } from "../Loaded";
import { ErasePage } from "./ErasePage";
import { MembershipPage } from "./MembershipPage";
import { MyDataPage } from "./MyDataPage";
import { RegistrationPage } from "./RegistrationPage";

export default function ManageRoutes() {
  return (
    <Routes>
      <Route path="registration" element={<RegistrationPage />} />
      <Route path="registration/data" element={<MyDataPage kind="registration" />} />
      <Route path="registration/erase" element={<ErasePage kind="registration" />} />
      <Route path="membership" element={<MembershipPage />} />
      <Route path="membership/data" element={<MyDataPage kind="membership" />} />
      <Route path="membership/erase" element={<ErasePage kind="membership" />} />
      {/* Older mails: /manage/registration/SECRET[/data|/erase] */}
      <Route path="registration/:token" element={<SecretInPath page="/manage/registration" />} />
      <Route path="registration/:token/data" element={<SecretInPath page="/manage/registration" rest="/data" />} />
      <Route path="registration/:token/erase" element={<SecretInPath page="/manage/registration" rest="/erase" />} />
      <Route path="membership/:token" element={<SecretInPath page="/manage/membership" />} />
      <Route path="membership/:token/data" element={<SecretInPath page="/manage/membership" rest="/data" />} />
      <Route path="membership/:token/erase" element={<SecretInPath page="/manage/membership" rest="/erase" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
