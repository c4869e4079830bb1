import { routeGroupHandler } from '../commons/http';
import * as sales from '../features/sales/handlers';

/** Lambda for orders pushed by delivery and e-commerce platforms. One line per feature. */
export const handler = routeGroupHandler('channel', {
  ...sales.channelRoutes,
});
