import { routeGroupHandler } from '../commons/http';
import { recordChannelOrder } from '../services/channels';

/** Lambda for orders pushed by delivery and e-commerce platforms (each signs with its own key). */
export const handler = routeGroupHandler('channel', {
  channelOrder: async ({ config, params, body }) => recordChannelOrder(config, params.platform, body),
});
