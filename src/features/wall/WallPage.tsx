/** Placeholder until its issue lands: the live overview stands in, so the route is never blank. */
import { OverviewPage } from '../overview/OverviewPage';

export default function WallPage() {
  return <OverviewPage />;
}
