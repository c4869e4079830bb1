import { SkeletonPanels } from './Skeleton';

/**
 * The shape of a list while its first page loads (purchases, messages, the profile form, the join check): `panels`
 * grey panels of `rows` lines each, in the page's layout, so nothing jumps when the data arrives. The app's one
 * skeleton (components/Skeleton.tsx: CSS only, no timers), under the name these pages know.
 */
export const RowsSkeleton = SkeletonPanels;
