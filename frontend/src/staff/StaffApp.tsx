// Placeholder until the staff console lands.
import { Layout } from "../components/Layout";

export default function StaffApp() {
  return (
    <Layout homeHref="/staff">
      <h1>Staff</h1>
    </Layout>
  );
}
