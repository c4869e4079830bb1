/** Lambda for the domain events: the table's stream is its event source (partial batch responses on). */
export { handler } from '../events/consumer';
