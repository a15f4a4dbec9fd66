// Placeholder until the public site lands.
import { Layout } from "../components/Layout";

export function PublicRoutes() {
  return (
    <Layout>
      <h1>Teilhabe</h1>
    </Layout>
  );
}
